-- The cheapest route: a 404. Its rate R is the yardstick of SPEC section 7.
wrk.method = "GET"
wrk.path = "/no-such-route"
