"""A longer mutation campaign than CI's (tests/mutants.rs), for a session:
python3 tests/fuzz/campaign.py SEED N [BIN]. Mutates the fixtures (bytes
changed, runs dropped, repeated or overwritten, tails cut), checks each
mutant in a random output format (rule files with `rules check`), and copies
any that exits outside 0-2, prints panic text or an internal error, or runs
past 20 s into fixtures/regressions/, where tests/mutants.rs checks it from
then on."""
import random, subprocess, os, sys, shutil, glob, tempfile
here=os.path.dirname(os.path.abspath(__file__))
root=os.path.normpath(os.path.join(here,'..','..','fixtures'))
seeds=[f for f in glob.glob(root+'/**/*',recursive=True) if '/regressions/' not in f and os.path.isfile(f) and f.rsplit('.',1)[-1] in ('xlsx','csv','txt','xls','ods','docx','md','toml')]
B=sys.argv[3] if len(sys.argv)>3 else os.path.join(root,'..','target','release','crossfoot')
rnd=random.Random(int(sys.argv[1]))
n=int(sys.argv[2])
out=os.path.join(root,'regressions'); os.makedirs(out,exist_ok=True)
work=tempfile.mkdtemp()
def mutate(b):
    b=bytearray(b)
    for _ in range(1+rnd.randrange(6)):
        if not b: break
        at=rnd.randrange(len(b)); k=rnd.randrange(5)
        if k==0: b[at]=rnd.randrange(256)
        elif k==1: del b[at:at+1+rnd.randrange(64)]
        elif k==2: e=at+1+rnd.randrange(64); b[at:at]=b[at:e]
        elif k==3: del b[max(at,1):]
        else:
            e=at+1+rnd.randrange(8); b[at:e]=bytes([rnd.choice([0x30,0x39,0xff,0x00,0x7f,0x2d])])*(e-at)
    return bytes(b)
bad=0
for i in range(n):
    s=rnd.choice(seeds); ext=s.rsplit('.',1)[-1]
    d=os.path.join(work,'w'); shutil.rmtree(d,ignore_errors=True); os.makedirs(d)
    p=f'{d}/m.{ext}'; open(p,'wb').write(mutate(open(s,'rb').read()))
    if ext=='toml':
        args=[B,'rules','check',p]
    else:
        args=[B,'check','--no-cache','--format',rnd.choice(['human','json','csv','sarif','junit','html']),p]
    try:
        r=subprocess.run(args,capture_output=True,timeout=20)
        txt=(r.stdout+r.stderr).decode('utf8','replace')
        if r.returncode not in (0,1,2) or 'panicked' in txt or 'internal error' in txt:
            bad+=1; shutil.copy(p,f'{out}/mutant-{sys.argv[1]}-{i}.{ext}'); print('BAD',s,r.returncode,txt[-300:])
    except subprocess.TimeoutExpired:
        bad+=1; shutil.copy(p,f'{out}/mutant-{sys.argv[1]}-{i}-timeout.{ext}'); print('TIMEOUT',s)
print('done',n,'bad',bad)
