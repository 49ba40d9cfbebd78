import lambda_function


class FakeContext:
    """A stand-in for Lambda's context object: the handler may log its request id."""

    function_name = "order-summary"
    aws_request_id = "test-request-0001"

    def get_remaining_time_in_millis(self):
        return 3000


def order(*items, order_id="A-1001"):
    """A mock event: an order with these items."""
    return {"orderId": order_id, "items": list(items)}


def test_example_order_has_an_order_id():
    event = order(
        {"sku": "MUG-01", "quantity": 2, "unitPrice": "12.50"},
        {"sku": "TEE-07", "quantity": 1, "unitPrice": "16.50"},
    )
    result = lambda_function.lambda_handler(event, FakeContext())
    # TODO: this only checks one field, so most bugs slip through. Compare the whole result
    #       with what the brief says the example returns.
    assert result["orderId"] == "A-1001"


# TODO: a test for tax rounding (one item at "12.99").

# TODO: tests that expect lambda_function.InvalidOrder: an empty items list, a quantity of 0.
