"""Follow-up of the conclusion: who owns each task, progress reports and Home Affairs' review (services, notify),
the monitoring page and its workbook (monitoring, monitoring_xlsx), their forms and views."""
