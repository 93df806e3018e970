-- Recording plays: POST /api/v1/users/me/plays with batches of 50 plays of random songs, each play with
-- a clientPlayId never used before (run, thread, request, position), by the users of BENCH_TOKENS in turn.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local batch = 50
local n = 0
local run = os.time()

function request()
  n = n + 1
  local plays = {}
  for i = 1, batch do
    plays[i] = string.format('{"songId":%d,"secondsPlayed":%d,"clientPlayId":"%d-%d-%d-%d"}',
      math.random(1, songs), math.random(1, 400), run, tid or 0, n, i)
  end
  return wrk.format("POST", "/api/v1/users/me/plays",
    { ["Authorization"] = tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json" },
    '{"plays":[' .. table.concat(plays, ",") .. ']}')
end
