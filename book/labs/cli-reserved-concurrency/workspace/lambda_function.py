import json


def lambda_handler(event, context):
    report = event.get("report", "daily-sales")
    print(f"Building report {report}")
    return {"report": report, "status": "built"}
