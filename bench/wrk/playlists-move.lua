-- Moves one random entry of a 10,000-entry playlist to a random position, as its owner: each move writes
-- the one entry's sort key, between its new neighbours (found on the playlist's index from the nearer end;
-- the playlist is renumbered in one statement when a gap runs out). Configuration from the environment:
--   BENCH_OWNER_TOKEN  the owner's bearer token
--   BENCH_PLAYLIST     the playlist id
--   BENCH_ENTRY_MIN, BENCH_ENTRY_MAX  its entry ids (contiguous: the entries were added in batches)
--   BENCH_ENTRIES      its number of entries
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local token, playlist, first, last, entries

function init(args)
  token = "Bearer " .. (os.getenv("BENCH_OWNER_TOKEN") or error("BENCH_OWNER_TOKEN is not set"))
  playlist = os.getenv("BENCH_PLAYLIST") or error("BENCH_PLAYLIST is not set")
  first = tonumber(os.getenv("BENCH_ENTRY_MIN") or "") or error("BENCH_ENTRY_MIN is not set")
  last = tonumber(os.getenv("BENCH_ENTRY_MAX") or "") or error("BENCH_ENTRY_MAX is not set")
  entries = tonumber(os.getenv("BENCH_ENTRIES") or "") or error("BENCH_ENTRIES is not set")
  math.randomseed(1414 + (tid or 0) * 7919)
end

function request()
  local entry = math.random(first, last)
  local body = '{"position":' .. math.random(1, entries) .. '}'
  return wrk.format("PUT", "/api/v1/playlists/" .. playlist .. "/songs/" .. entry .. "/position",
    { ["Authorization"] = token, ["Content-Type"] = "application/json" }, body)
end
