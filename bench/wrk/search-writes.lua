-- POST /api/v1/songs as the admin (BENCH_ADMIN_TOKEN): new songs with titles of catalog words, so that the cost
-- measured is the index's upkeep on every write (documents, FTS5 rows, vocabulary look-up), as in real use.
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
local adjectives = { "Blue", "Golden", "Silent", "Broken", "Electric", "Midnight", "Wild", "Lonely", "Crimson", "Velvet" }
local nouns = { "Heart", "Night", "River", "Fire", "Dream", "Road", "Rain", "Shadow", "Light", "Ocean" }
local token
function init(args)
  token = "Bearer " .. (os.getenv("BENCH_ADMIN_TOKEN") or error("BENCH_ADMIN_TOKEN is not set"))
  math.randomseed(99 + (tid or 0) * 7919)
end
function request()
  local title = adjectives[math.random(1, #adjectives)] .. " " .. nouns[math.random(1, #nouns)]
  local body = '{"title":"' .. title .. '","artist":"Bench Writer","genre":"Rock","fileUrl":"https://media.example.com/w.mp3","duration":200}'
  return wrk.format("POST", "/api/v1/songs", { ["Authorization"] = token, ["Content-Type"] = "application/json" }, body)
end
