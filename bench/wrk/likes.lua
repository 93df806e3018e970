-- Like/unlike writes: PUT then DELETE /api/v1/songs/{id}/like for one random song, then the
-- next song, by several users in turn. The two requests of a pair may run on different
-- connections, so they also race each other: the counts must still come out exact.
-- BENCH_LIKES_DELAY_MS (optional): each connection waits this long before each request, to pace the writes.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local pause = tonumber(os.getenv("BENCH_LIKES_DELAY_MS") or "") or 0

if pause > 0 then
  function delay()
    return pause
  end
end

local n = 0
local id, token

function request()
  n = n + 1
  if n % 2 == 1 then
    id = math.random(1, songs)
    token = tokens[math.random(1, #tokens)]
    return wrk.format("PUT", "/api/v1/songs/" .. id .. "/like", { ["Authorization"] = token })
  end
  return wrk.format("DELETE", "/api/v1/songs/" .. id .. "/like", { ["Authorization"] = token })
end
