aws lambda put-function-concurrency --function-name report-builder \
    --reserved-concurrent-executions 0
aws lambda invoke --function-name report-builder response.json
echo $?
aws lambda put-function-concurrency --function-name report-builder \
    --reserved-concurrent-executions 5
aws lambda get-function-concurrency --function-name report-builder
aws lambda invoke --function-name report-builder response.json
cat response.json
