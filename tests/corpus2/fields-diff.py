import json, subprocess, sys, os, shlex, collections
# usage: python3 tests/corpus2/fields-diff.py [CORPUS_DIR]  (bin/wirelight -T fields/columns vs the oracle, nokeys where there is one)
cap_dir = sys.argv[1] if len(sys.argv) > 1 else '/work/corpus2'
for name in sorted(os.listdir(cap_dir + '/oracle')):
    m = json.load(open(f'{cap_dir}/oracle/{name}/meta.json'))
    for kind in ('fields', 'columns'):
        nk = f'{cap_dir}/oracle/{name}/{kind}.nokeys.tsv'
        ref = nk if os.path.exists(nk) else f'{cap_dir}/oracle/{name}/{kind}.tsv'
        args = shlex.split(m['commands'][f'{kind}.tsv'])
        # drop the key log option (Wirelight does not decrypt: compare with the nokeys oracle)
        out = []; i = 1
        while i < len(args):
            if args[i] == '-o' and args[i+1].startswith('tls.keylog_file'): i += 2; continue
            out.append(args[i]); i += 1
        out = [os.path.join(cap_dir, a) if a == m['capture'] else a for a in out]
        got = subprocess.run([os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../bin/wirelight')] + out, capture_output=True, text=True).stdout.split('\n')
        want = open(ref).read().split('\n')
        hdr = want[0].split('\t')
        diff = collections.Counter(); ex = {}
        if len(got) != len(want): print(name, kind, 'line count', len(got), len(want))
        for a, b in zip(got[1:], want[1:]):
            ca, cb = a.split('\t'), b.split('\t')
            for j, h in enumerate(hdr):
                x = ca[j] if j < len(ca) else None; y = cb[j] if j < len(cb) else None
                if x != y:
                    diff[h] += 1
                    ex.setdefault(h, (cb[0] if cb else '?', x, y))
        for h, n in diff.most_common():
            f, x, y = ex[h]
            print(f'{name} {kind} {h}: {n} frames differ; first frame {f}: ours {x!r} tshark {y!r}'[:400])
