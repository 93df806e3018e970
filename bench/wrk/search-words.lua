-- GET /api/v1/search?q=<word>: words chosen at random from BENCH_SEARCH_WORDS (space-separated), one per request.
-- BENCH_SEARCH_PATH replaces "/api/v1/search?q=" (e.g. "/api/v1/songs?q=" for a list's search).
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
words = {}
path = os.getenv("BENCH_SEARCH_PATH") or "/api/v1/search?q="
function init(args)
  for w in string.gmatch(os.getenv("BENCH_SEARCH_WORDS") or "", "%S+") do words[#words + 1] = w end
  if #words == 0 then error("BENCH_SEARCH_WORDS is empty") end
  math.randomseed(777 + (tid or 0) * 7919)
end
function request()
  return wrk.format("GET", path .. words[math.random(1, #words)])
end
