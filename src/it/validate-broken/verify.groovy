import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("[ERROR] jobs/dws_daily.job: node 'load' names script 'missing_sql', which is not in scripts/ [DLF-V06]")
assert log.contains('[ERROR] jobs/dws_daily.job: its nodes form a cycle: load -> publish -> load [DLF-V07]')
assert log.contains("[ERROR] jobs/dws_daily.job: the schedule has the cron expression '0 0 2 * *', which is not valid Quartz syntax")
assert log.contains("[WARNING] jobs/dws_daily.job: parameter 'db_password' holds a value that may be a secret")
assert !log.contains('hunter2')
assert log =~ /DLF validate: 3 error\(s\), 1 warning\(s\) in 2 definitions of .*src.main.dlf; report: .*report.json\. Fix the problems listed above, or leave a rule out with <excludeRules> or -Ddlf.validate.excludeRules\./
def report = new JsonSlurper().parse(new File(basedir, 'target/dlf-validate/report.json'))
assert report.summary == [files: 2, errors: 3, warnings: 1]
assert report.problems*.rule.sort() == ['DLF-V06', 'DLF-V07', 'DLF-V10', 'DLF-V11']
return true
