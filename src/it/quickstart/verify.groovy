// Checks the quick start and shows what it wrote.
def out = new File(basedir, 'target/dlf')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << out.toPath().relativize(it.toPath()).toString() }
files.sort()
println ''
println "The export wrote ${files.size()} files to ${out}:"
files.each { println "  ${it}  (${new File(out, it).length()} bytes)" }
println ''
println 'jobs/dws_sales_daily.job begins:'
new File(out, 'jobs/dws_sales_daily.job').readLines('UTF-8').take(12).each { println "  ${it}" }
println ''

assert files.size() == 10
// The round trip: the export reproduces the emulator's fixtures byte for byte.
def fixtures = new File(basedir, 'src/test/dlf')
files.each { assert new File(out, it).bytes == new File(fixtures, it).bytes : it }
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log =~ /\[INFO\] Exported 4 jobs: 10 files/
assert log.contains('(workspace retail-dev)')
