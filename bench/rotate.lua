-- wrk script for bench/run.py (scenarios d and e): GET the paths listed in a file,
-- one per line, in turn, so that the load is spread over several pages.
--
--   wrk -t2 -c64 -d15s --latency -s bench/rotate.lua http://127.0.0.1:18080 -- paths.txt
--
-- Each wrk thread reads the file in init() and keeps its own position, the threads starting
-- at different paths; the requests are formatted once, not per request.

local requests = {}
local count = 0
local position = 0
local threads = 0

-- Runs in wrk's main state, once per thread: gives each thread its own number.
function setup(thread)
    thread:set("thread_number", threads)
    threads = threads + 1
end

function init(args)
    local name = args[1]
    if name == nil then
        error("usage: wrk ... -s rotate.lua URL -- PATHS_FILE")
    end
    local file = assert(io.open(name, "r"))
    for line in file:lines() do
        if line ~= "" then
            count = count + 1
            requests[count] = wrk.format("GET", line)
        end
    end
    file:close()
    if count == 0 then
        error("no paths in " .. name)
    end
    position = ((thread_number or 0) * 7) % count
end

function request()
    position = position % count + 1
    return requests[position]
end
