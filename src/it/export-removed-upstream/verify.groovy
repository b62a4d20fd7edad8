def out = new File(basedir, 'target/dlf')
assert !new File(out, 'jobs/retired_job.job').exists()
assert !new File(out, 'jobs/ods_orders_load.job').text.contains('"stale"')
def files = []
out.eachFileRecurse(groovy.io.FileType.FILES) { files << out.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['jobs/dws_sales_daily.job', 'jobs/ods_orders_load.job', 'resources/sales_aggregator_jar.resource',
                        'scripts/common_partition_check.script', 'scripts/dws_sales_daily_publish.script', 'scripts/ods_orders_load.script']
assert !out.list().any { it.startsWith('.dlf-work-') }
