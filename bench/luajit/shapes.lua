-- The shapes of bench/workloads.mlir in LuaJIT (the anchor docs/llvm.md
-- quotes): loop_sum, reduce_i32 over 4096 int32 values, fib(20), with the
-- same i32 wrap-around (bit.tobit). Prints "name ns_per_call" lines: the
-- best of several timed batches, after warm-up so the traces are compiled.
local ffi = require("ffi")
local bit = require("bit")

-- A numeric for loop: LuaJIT's idiomatic (and fastest) form of the loop.
local function loop_sum(n)
  local acc = 0
  for i = 0, n - 1 do
    acc = bit.tobit(acc + i)
  end
  return acc
end

local function reduce_i32(data, count)
  local acc = 0
  for i = 0, count - 1 do
    acc = bit.tobit(acc + data[i])
  end
  return acc
end

local function fib(n)
  if n < 2 then return n end
  return bit.tobit(fib(n - 1) + fib(n - 2))
end

local function best_ns(fn)
  local calls = 1
  while true do
    local start = os.clock()
    for _ = 1, calls do fn() end
    if os.clock() - start > 0.02 then break end
    calls = calls * 2
  end
  local best = math.huge
  for _ = 1, 5 do
    local start = os.clock()
    for _ = 1, calls do fn() end
    best = math.min(best, (os.clock() - start) / calls)
  end
  return best * 1e9
end

local count = 4096
local data = ffi.new("int32_t[?]", count)
for i = 0, count - 1 do data[i] = (i * 7919) % 1000 - 500 end
local sink = 0
for _, n in ipairs({1000, 100000}) do
  print(("loop_sum/%d %.1f"):format(n, best_ns(function() sink = sink + loop_sum(n) end)))
end
print(("reduce_i32/%d %.1f"):format(count, best_ns(function() sink = sink + reduce_i32(data, count) end)))
print(("fib/20 %.1f"):format(best_ns(function() sink = sink + fib(20) end)))
io.stderr:write(("(checksum %d)\n"):format(sink % 1000))
