-- Rotates the session cookies in SESSIONS_FILE (one "JSESSIONID=..." per line) over the
-- requests, each wrk thread taking its own share, so that the concurrent requests carry
-- distinct sessions.
local cookies = {}
for line in io.lines(os.getenv("SESSIONS_FILE")) do
  if #line > 0 then cookies[#cookies + 1] = line end
end

local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

local mine, next_index = {}, 1
function init(args)
  local stride = tonumber(os.getenv("WRK_THREADS") or "2")
  for i = 1 + offset, #cookies, stride do mine[#mine + 1] = cookies[i] end
end

function request()
  local cookie = mine[next_index]
  next_index = next_index % #mine + 1
  return wrk.format("GET", nil, { ["Cookie"] = cookie })
end
