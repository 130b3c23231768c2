package com.merchantpay.sandbox.control;

/** The JSON body of every refused control call. */
record ControlError(String error) {
}
