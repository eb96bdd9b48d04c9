// benchmark-module runs on Google Benchmark: its output formats, output
// files and repetition statistics work, in both forms; a failing call is an
// error with the VM's status, unknown benchmark flags and absurd times are
// refused.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: benchmark-module --module=%t.vmfb --function=sum --input=100 --min_time=0.01 --repetitions=3 | FileCheck %s --check-prefix=CONSOLE
// RUN: benchmark-module --module=%t.vmfb --function=sum --input=100 --min_time=0.01 --repetitions=1 --benchmark_format=json > %t.json
// RUN: python3 -c "import json,sys; d=json.load(open(sys.argv[1])); b=d['benchmarks']; assert len(b)==1 and b[0]['name'].startswith('bench.sum') and b[0]['iterations']>0 and b[0]['time_unit']=='ns', b" %t.json
// RUN: benchmark-module --module=%t.vmfb --function=sum --input=100 --iterations=50 --repetitions=2 --benchmark_out=%t.out.json --benchmark_out_format=json > /dev/null
// RUN: python3 -c "import json,sys; d=json.load(open(sys.argv[1])); runs=[b for b in d['benchmarks'] if b['run_type']=='iteration']; assert len(runs)==2 and all(r['iterations']==50 for r in runs), d" %t.out.json
// RUN: not benchmark-module --module=%t.vmfb --function=fail --min_time=0.01 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: not benchmark-module --module=%t.vmfb --function=sum --input=1 --benchmark_nonsense=1 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not benchmark-module --module=%t.vmfb --function=sum --input=1 --min_time=inf 2>&1 | FileCheck %s --check-prefix=MINTIME
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: benchmark-module --module=%t.so --function=sum --input=100 --min_time=0.01 --repetitions=3 | FileCheck %s --check-prefix=CONSOLE
// CONSOLE: bench.sum{{.*}}_mean
// CONSOLE: bench.sum{{.*}}_median
// CONSOLE: bench.sum{{.*}}_stddev
// FAIL: error: {{.*}}always fails
// UNKNOWN: benchmark_nonsense
// MINTIME: error: --min_time must be seconds in (0, 3600]
vm.module @bench {
  vm.export @sum
  vm.func @sum(%n: i32) -> i32 {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    vm.br ^loop(%c0, %c0 : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %done = vm.cmp.gte.i32.s %i, %n : i32
    vm.cond_br %done, ^exit, ^body
  ^body:
    %a = vm.add.i32 %acc, %i : i32
    %j = vm.add.i32 %i, %c1 : i32
    vm.br ^loop(%j, %a : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
  vm.export @fail
  vm.func @fail() {
    %c3 = vm.const.i32 3
    vm.fail %c3, "always fails"
  }
}
