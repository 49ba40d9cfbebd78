RELEASE = "v1"


def lambda_handler(event, context):
    name = event.get("name", "world")
    print(f"{RELEASE} greeting {name} as version {context.function_version}")
    return {"release": RELEASE, "message": f"Hello, {name}!"}
