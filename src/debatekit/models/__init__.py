"""Pure models over the course's data: trade-offs, scenarios, ledgers, flows, cases, dates."""
