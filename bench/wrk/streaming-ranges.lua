-- 64 KiB ranged reads at random offsets of one file, as a player seeking around does.
-- Configuration from the environment:
--   BENCH_STREAM_PATH  the file's path and query (the API's signed stream URL, or the static file)
--   BENCH_STREAM_SIZE  its size in bytes
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local path, size
local chunk = 65536

function init(args)
  path = os.getenv("BENCH_STREAM_PATH") or error("BENCH_STREAM_PATH is not set")
  size = tonumber(os.getenv("BENCH_STREAM_SIZE") or "") or error("BENCH_STREAM_SIZE is not set")
  math.randomseed(4242 + (tid or 0) * 7919)
end

function request()
  local from = math.random(0, size - chunk)
  return wrk.format("GET", path, { ["Range"] = "bytes=" .. from .. "-" .. (from + chunk - 1) })
end

function response(status, headers, body)
  if status ~= 206 then error("expected 206, got " .. status) end
end
