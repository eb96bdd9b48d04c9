import json,sys,collections
d=json.load(open(sys.argv[1]))
best=collections.OrderedDict()
for b in d['benchmarks']:
    if b.get('run_type')!='iteration': continue
    n=b['run_name']
    unit=[k for k in b if k.startswith('ns_per_')]
    v=b[unit[0]] if unit else None
    r=best.setdefault(n,{'ns':1e30})
    if v is not None and v<r['ns']:
        r['ns']=v; r['unit']=unit[0]
        for k in ('x_native','x_bytecode','x_native_O2'):
            if k in b: r[k]=b[k]
for n,r in best.items():
    print(f"{n:40s} {r.get('unit',''):12s} {r['ns']:10.3f} " + " ".join(f"{k}={r[k]:.2f}" for k in ('x_native','x_native_O2','x_bytecode') if k in r))
