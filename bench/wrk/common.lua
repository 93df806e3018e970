-- Shared by the authenticated scenarios. Configuration comes from the environment:
--   BENCH_TOKENS  bearer tokens of several seeded users, separated by spaces
--   BENCH_SONGS   the highest song id (ids 1..BENCH_SONGS exist)
-- Each wrk thread gets its own number (tid) and so its own random sequence.

local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

tokens = {}
songs = 1

function init(args)
  for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "%S+") do
    tokens[#tokens + 1] = "Bearer " .. token
  end
  if #tokens == 0 then error("BENCH_TOKENS is empty") end
  songs = tonumber(os.getenv("BENCH_SONGS") or "") or error("BENCH_SONGS is not set")
  math.randomseed(4242 + (tid or 0) * 7919)
end
