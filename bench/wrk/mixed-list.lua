-- Anonymous list browsing: GET /api/v1/songs?page={1..BENCH_LIST_PAGES} (20 songs a page), most requests on the first pages.
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local pages = tonumber(os.getenv("BENCH_LIST_PAGES") or "50")
function init(args) math.randomseed(99 + (tid or 0) * 7919) end
function request()
  -- The square of a uniform number: page 1 is far more read than page 50, as a person leafs through a list.
  local page = 1 + math.floor((math.random() ^ 2) * pages)
  return wrk.format("GET", "/api/v1/songs?page=" .. page .. "&pageSize=20")
end
