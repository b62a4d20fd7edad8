// Unicode escapes keep this script independent of the platform encoding: \u9500\u552e\u65e5\u62a5 is the job's name.
def job = '\u9500\u552e\u65e5\u62a5'
def log = new File(basedir, 'build.log').getText('UTF-8')
def file = new File(basedir, "target/dlf/jobs/${job}.job")
assert file.isFile()
assert file.getText('UTF-8').contains("\"name\": \"${job}\"")
assert new File(basedir, 'target/dlf/scripts/ads_sales_report.script').isFile()
assert log.contains("Exported job '${job}': 3 files")
// On the wire the name is percent-encoded UTF-8.
assert log =~ /Emulator: POST \/v1\/[0-9a-f]+\/jobs\/%E9%94%80%E5%94%AE%E6%97%A5%E6%8A%A5\/export -> 200/
