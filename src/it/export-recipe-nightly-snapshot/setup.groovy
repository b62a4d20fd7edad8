// Yesterday's committed snapshot: one job older than the cloud's, one the cloud has since deleted.
def git = { String... args ->
    def process = (['git', '-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid'] + args.toList())
            .execute(null, basedir)
    def out = process.text
    assert process.waitFor() == 0 : "git ${args.join(' ')}: ${process.err.text}"
    return out
}
def snapshot = new File(basedir, 'src/main/dlf')
new File(snapshot, 'jobs').mkdirs()
new File(snapshot, 'jobs/retired_job.job').text = '{\n  "name": "retired_job"\n}\n'
new File(snapshot, 'jobs/ods_orders_load.job').text = '{\n  "name": "ods_orders_load"\n}\n'
git('init', '-q')
git('add', '-A')
git('commit', '-q', '-m', 'yesterday')
return true
