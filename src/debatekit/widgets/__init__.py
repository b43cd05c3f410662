"""Interactive widgets (anywidget): each is a Python class with its .js (and .css) beside it.

The interaction is computed in the JavaScript so the widgets stay live on the static book;
each .js exports a pure ``compute()`` that tests run under Node against the Python model.
"""

from debatekit.widgets.cards import CardTableWidget
from debatekit.widgets.casebuilder import CaseBuilderWidget
from debatekit.widgets.concordance import ConcordanceWidget
from debatekit.widgets.flow import FlowWidget
from debatekit.widgets.ledger import LedgerWidget
from debatekit.widgets.scenarios import ScenarioWidget
from debatekit.widgets.submit import SubmitWidget
from debatekit.widgets.tradeoff import TradeoffWidget

__all__ = [
    "CardTableWidget",
    "CaseBuilderWidget",
    "ConcordanceWidget",
    "FlowWidget",
    "LedgerWidget",
    "ScenarioWidget",
    "SubmitWidget",
    "TradeoffWidget",
]
