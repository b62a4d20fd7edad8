def log = new File(basedir, 'build.log').getText('UTF-8')
def git = { String... args ->
    def process = (['git', '-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid'] + args.toList())
            .execute(null, basedir)
    def out = process.text
    process.waitFor()
    return [process.exitValue(), out]
}
// First run: the cloud moved on. Second run: the same export again, nothing changed.
def compared = log.readLines().findAll { it.contains('Compared with the previous snapshot') }
assert compared == ['[INFO] Compared with the previous snapshot: 1 changed, 9 added, 1 removed, 0 unchanged.',
                    '[INFO] Compared with the previous snapshot: 0 changed, 0 added, 0 removed, 10 unchanged.'] : compared
// ignoreFields kept the editor's node positions out.
def job = new File(basedir, 'src/main/dlf/jobs/dws_sales_daily.job').getText('UTF-8')
assert job.contains('"nodes"') && !job.contains('"location"')

// The recipe's git part: stage the snapshot, commit only when something changed.
assert git('add', '-A', 'src/main/dlf')[0] == 0
assert git('diff', '--cached', '--quiet')[0] == 1 // something changed since yesterday
def changes = git('diff', '--cached', '--name-status')[1].readLines()
assert changes.contains('M\tsrc/main/dlf/jobs/ods_orders_load.job')
assert changes.contains('D\tsrc/main/dlf/jobs/retired_job.job')
assert changes.contains('A\tsrc/main/dlf/jobs/dws_sales_daily.job')
assert git('commit', '-q', '-m', 'DLF snapshot')[0] == 0
// The work folder and the lock are gone, so nothing else shows.
def status = git('status', '--porcelain')[1]
assert status.readLines().every { it.endsWith('build.log') || !it.contains('src/main/dlf') } : status
return true
