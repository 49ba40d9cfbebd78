import lambda_function


class FakeContext:
    """A stand-in for Lambda's context object. Passing None would crash any handler that
    logs context.aws_request_id, and the test would fail for the wrong reason."""

    function_name = "order-summary"
    aws_request_id = "test-request-0001"

    def get_remaining_time_in_millis(self):
        return 3000


def order(*items, order_id="A-1001"):
    """A mock event: an order with these items. A helper keeps each test about one thing."""
    return {"orderId": order_id, "items": list(items)}


def price(event):
    return lambda_function.lambda_handler(event, FakeContext())


def assert_rejected(event, why):
    """The handler must raise InvalidOrder for `event`. try/except/else is what
    pytest.raises does for you: the else branch runs only when nothing was raised."""
    try:
        price(event)
    except lambda_function.InvalidOrder:
        pass
    else:
        raise AssertionError(f"{why} was accepted; expected InvalidOrder")


def test_prices_the_example_order():
    # Compare the whole result: one assert catches a wrong count, a missing key, and money
    # formatted as "41.5" instead of "41.50" (the sign of float arithmetic).
    result = price(order(
        {"sku": "MUG-01", "quantity": 2, "unitPrice": "12.50"},
        {"sku": "TEE-07", "quantity": 1, "unitPrice": "16.50"},
    ))
    assert result == {
        "orderId": "A-1001",
        "itemCount": 3,
        "subtotal": "41.50",
        "tax": "8.30",
        "total": "49.80",
    }, result


def test_tax_rounds_half_up_to_the_cent():
    # 20% of 12.99 is 2.598: half-up gives 2.60, cutting the digit off gives 2.59.
    result = price(order({"sku": "CAP-03", "quantity": 1, "unitPrice": "12.99"}, order_id="A-1002"))
    assert result["tax"] == "2.60", result
    assert result["total"] == "15.59", result


def test_rejects_an_empty_order():
    assert_rejected(order(), "an order with no items")


def test_rejects_a_quantity_of_zero():
    assert_rejected(order({"sku": "MUG-01", "quantity": 0, "unitPrice": "12.50"}), "quantity 0")


def test_rejects_an_item_without_a_price():
    assert_rejected(order({"sku": "MUG-01", "quantity": 1}), "an item without unitPrice")
