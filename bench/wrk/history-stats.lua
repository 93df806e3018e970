-- One listener's statistics: GET BENCH_HISTORY_PATH as the user of BENCH_HISTORY_TOKEN.
local path = os.getenv("BENCH_HISTORY_PATH") or error("BENCH_HISTORY_PATH is not set")
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("BENCH_HISTORY_TOKEN") or error("BENCH_HISTORY_TOKEN is not set")) }

function request()
  return wrk.format("GET", path, headers)
end
