-- GET /api/v1/songs/{id} with a bearer token: random ids over the whole catalog,
-- tokens of several users in turn (so likedByMe is looked up for different callers).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local n = 0

function request()
  n = n + 1
  local id = math.random(1, songs)
  return wrk.format("GET", "/api/v1/songs/" .. id, { ["Authorization"] = tokens[n % #tokens + 1] })
end
