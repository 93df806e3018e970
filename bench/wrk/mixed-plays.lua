-- A player reporting what it played: POST /api/v1/users/me/plays with one play of a random song, each with a
-- clientPlayId never used before (run, thread, request), by the users of BENCH_TOKENS in turn.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local n = 0
local run = os.time()

function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/users/me/plays",
    { ["Authorization"] = tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json" },
    string.format('{"plays":[{"songId":%d,"secondsPlayed":%d,"clientPlayId":"mixed-%d-%d-%d"}]}',
      math.random(1, songs), math.random(30, 400), run, tid or 0, n))
end
