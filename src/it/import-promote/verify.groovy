def log = new File(basedir, 'build.log').getText('UTF-8')
def plans = (log =~ /\[INFO\] Import plan: (.*)\./).collect { it[1] }
assert plans == ['10 to create, 0 that differ but are kept (sameNamePolicy SKIP), 0 unchanged',
                 '10 to create, 0 that differ but are kept (sameNamePolicy SKIP), 0 unchanged',
                 '0 to create, 0 that differ but are kept (sameNamePolicy SKIP), 10 unchanged'] : plans
assert log.contains('[INFO] Dry run: nothing was uploaded or imported.')
// Where it goes comes first; the bytes uploaded are those planned (the hash the plan named), into an object of this run.
assert log.contains('[INFO] Import into the default workspace of project 0833a5737480d53b2f25c010dc1a7b88 at http://127.0.0.1:')
def planned = (log =~ /\[INFO\] The package's SHA-256 is ([0-9a-f]{64}); this is what is uploaded\./).collect { it[1] }
assert planned.size() == 3 && planned.unique().size() == 1 : planned
assert log =~ /\[INFO\] Uploaded the package \(SHA-256 ${planned[0]}\) to obs:\/\/import-bucket\/dlf-import\/dlf-import-${planned[0].substring(0, 16)}-[0-9a-f]{8}\.zip\./
assert new File(basedir, 'target/dlf-import/plan.json').text.contains(planned[0])
assert log =~ /\[INFO\] Import started: system task [0-9a-f]{32} \(sameNamePolicy SKIP\)\./
assert log.contains('[INFO] Nothing to import: the workspace has every file of the package as it is.')
assert log.contains('the environment mapping replaced')
assert !log.contains('matches nothing')

// Exported again from production: the same files, and only the mapped values differ.
def snapshot = new File(basedir, 'target/snapshot')
def production = new File(basedir, 'target/production')
def files = { File root -> def names = []; root.eachFileRecurse { if (it.isFile() && !it.name.startsWith('.')) names << root.toPath().relativize(it.toPath()).toString() }; names.sort() }
assert files(production) == files(snapshot)
def mapped = ['mrs_hive_prod', 'dws_prod', 'mrs_prod', 'obs://retail-etl-prod/', 'obs://retail-dlf-logs-prod/', 'GMT+01:00']
int changed = 0
files(snapshot).each { name ->
    def before = new File(snapshot, name).readLines('UTF-8')
    def after = new File(production, name).readLines('UTF-8')
    assert before.size() == after.size() : name
    before.indices.each { i ->
        if (before[i] != after[i]) {
            changed++
            assert mapped.any { after[i].contains(it) } : "${name}: ${after[i]}"
        }
    }
}
assert changed >= 20 : changed
assert !new File(production, 'scripts/dwd_orders_clean.script').text.contains('mrs_hive_retail')
assert new File(production, 'scripts/dwd_orders_clean.script').text.contains('INSERT OVERWRITE TABLE dwd.orders')

// The plan's reports, and no package left in OBS.
assert new File(basedir, 'target/dlf-import/plan.json').text.contains('"unchanged" : 10') || new File(basedir, 'target/dlf-import/plan.json').text.contains('"unchanged":10')
def obs = new File(basedir, 'target/dlf-emulator/obs/import-bucket')
assert !obs.exists() || obs.listFiles().every { it.isDirectory() && it.list().length == 0 }
return true
