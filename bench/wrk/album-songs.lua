-- GET /api/v1/albums/{id}/songs with a bearer token: random albums over the whole catalog (ids 1..BENCH_ALBUMS),
-- tokens of several users in turn.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local n = 0
local albums = tonumber(os.getenv("BENCH_ALBUMS") or "") or error("BENCH_ALBUMS is not set")

function request()
  n = n + 1
  return wrk.format("GET", "/api/v1/albums/" .. math.random(1, albums) .. "/songs", { ["Authorization"] = tokens[n % #tokens + 1] })
end
