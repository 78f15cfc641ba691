"""The estimate language: named quantities with units, formulas over them, and how they are shown.

Plain functions, no MkDocs. docs/assets/javascripts/estimates.js implements the same language for
the reader's browser; tests/test_estimates.py checks that both give the same text for every block.

A quantity is a value in base units and its dimensions over four base units: s (time), B (bytes),
$ (money), FLOP (work). Counts (hosts, queries, GPUs) are plain numbers; their names go in a row's
"shown as" words. A literal's unit is written in brackets after it: `20[ms]`, `3,500[/s]`,
`0.02[$/GB/month]`.

Expressions: numbers (`3,500`, `1.5`, `1e9`), names (`peak_qps`), `+ - * / ^`, parentheses,
comparisons (`< <= > >= == !=`, for ledger conditions), and the functions below. Adding, comparing
or taking min/max of quantities with different dimensions is an error, as is rounding one that has
dimensions (ceil(busy / 32) is fine; ceil of a number of seconds depends on the unit).
"""
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

BASE = ("s", "B", "$", "FLOP")
UNITS = {  # name: (factor to base units, dimensions)
    "ns": (1e-9, {"s": 1}), "us": (1e-6, {"s": 1}), "µs": (1e-6, {"s": 1}), "ms": (1e-3, {"s": 1}),
    "s": (1, {"s": 1}), "min": (60, {"s": 1}), "h": (3600, {"s": 1}), "day": (86400, {"s": 1}),
    "week": (604800, {"s": 1}), "month": (730 * 3600, {"s": 1}), "year": (8760 * 3600, {"s": 1}),
    "bit": (0.125, {"B": 1}), "Kbit": (125, {"B": 1}), "Mbit": (125e3, {"B": 1}), "Gbit": (125e6, {"B": 1}),
    "Tbit": (125e9, {"B": 1}), "B": (1, {"B": 1}), "KB": (1e3, {"B": 1}), "MB": (1e6, {"B": 1}),
    "GB": (1e9, {"B": 1}), "TB": (1e12, {"B": 1}), "PB": (1e15, {"B": 1}),
    "$": (1, {"$": 1}),
    "FLOP": (1, {"FLOP": 1}), "MFLOP": (1e6, {"FLOP": 1}), "GFLOP": (1e9, {"FLOP": 1}),
    "TFLOP": (1e12, {"FLOP": 1}), "PFLOP": (1e15, {"FLOP": 1}),
    "%": (0.01, {}),
}
# Units chosen for a result whose row names none: the largest whose value is at least 1.
AUTO = {
    (("B", 1),): ["B", "KB", "MB", "GB", "TB", "PB"],
    (("B", 1), ("s", -1)): ["B/s", "KB/s", "MB/s", "GB/s", "TB/s"],
    (("FLOP", 1), ("s", -1)): ["FLOP/s", "GFLOP/s", "TFLOP/s", "PFLOP/s"],
    (("s", 1),): ["ns", "µs", "ms", "s"],
    (("$", 1),): ["$"],
    (("$", 1), ("s", -1)): ["$/h"],
    (("s", -1),): ["/s"],
}
FUNCTIONS = {"about": 2, "ceil": 1, "floor": 1, "round": 1, "min": 2, "max": 2, "sqrt": 1, "log2": 1, "log10": 1, "ln": 1, "exp": 1}
PLURAL = ("day", "week", "month", "year")  # "6 months", but "6 h", "2 min" and "$3/month"
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
OPERATOR_TEXT = {"*": "×", "/": "÷", "-": "−", "+": "+", "^": "^", "<": "<", ">": ">",
                 "<=": "≤", ">=": "≥", "==": "=", "!=": "≠"}
# A comma inside a number separates thousands (3,500); between arguments it needs a space: about(x, 2).
TOKEN = re.compile(r"\s*(?:(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?)(?:\[(?P<unit>[^\]]*)\])?"
                   r"|(?P<name>[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)"
                   r"|(?P<op><=|>=|==|!=|[-+*/^()<>,]))")


class EstimateError(ValueError):
    pass


@dataclass(frozen=True)
class Quantity:
    value: float
    dims: tuple = ()  # sorted ((base, power), ...), no zero powers

    def same_dims(self, other: "Quantity", what: str) -> None:
        if self.dims != other.dims:
            raise EstimateError(f"{what} {dims_text(self.dims)} and {dims_text(other.dims)}: the units do not match")


def make_dims(d: dict) -> tuple:
    return tuple(sorted((k, v) for k, v in d.items() if v))


def dims_text(dims: tuple) -> str:
    return "a plain number" if not dims else "·".join(f"{b}^{p}" if p != 1 else b for b, p in dims)


def parse_unit(text: str) -> tuple[float, tuple]:
    """`$/GB/month` -> (factor, dims). Units multiply with `*` and divide with `/`; `^n` raises."""
    text = text.strip()
    if not text:
        return 1.0, ()
    factor, dims = 1.0, {}
    for sign, name, power in re.findall(r"([*/]?)\s*([^*/^\s]+)(?:\^(-?\d+))?\s*", text if text[0] in "*/" else "*" + text):
        if name not in UNITS:
            raise EstimateError(f"unknown unit '{name}' (known: {', '.join(UNITS)})")
        f, d = UNITS[name]
        p = int(power or 1) * (-1 if sign == "/" else 1)
        factor *= f ** p
        for b, q in d.items():
            dims[b] = dims.get(b, 0) + q * p
    return factor, make_dims(dims)


# Parsing ----------------------------------------------------------------------------------------

@dataclass
class Node:
    kind: str  # number, name, op, neg, call, paren
    text: str = ""  # number literal as written, name, operator or function
    unit: str = ""
    args: list = field(default_factory=list)

    def names(self) -> set:
        return ({self.text} if self.kind == "name" else set()).union(*[a.names() for a in self.args])


def tokenize(text: str) -> list[tuple[str, str, str]]:
    tokens, pos = [], 0
    while pos < len(text):
        if not text[pos:].strip():
            break
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise EstimateError(f"cannot read '{text[pos:].strip()[:20]}' in '{text.strip()}'")
        if m.group("number") is not None:
            tokens.append(("number", m.group("number"), m.group("unit") or ""))
        elif m.group("name"):
            tokens.append(("name", m.group("name"), ""))
        else:
            tokens.append(("op", m.group("op"), ""))
        pos = m.end()
    return tokens


def parse(text: str) -> Node:
    tokens = tokenize(text)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else ("end", "", "")

    def take(expected=None):
        nonlocal pos
        token = peek()
        if token[0] == "end" or (expected and token[1] != expected):
            raise EstimateError(f"expected {expected or 'more'} in '{text.strip()}'")
        pos += 1
        return token

    def comparison():
        left = total()
        if peek()[1] in ("<", "<=", ">", ">=", "==", "!="):
            op = take()[1]
            return Node("op", op, args=[left, total()])
        return left

    def total():
        node = product()
        while peek()[1] in ("+", "-"):
            op = take()[1]
            node = Node("op", op, args=[node, product()])
        return node

    def product():
        node = unary()
        while peek()[1] in ("*", "/"):
            op = take()[1]
            node = Node("op", op, args=[node, unary()])
        return node

    def unary():
        if peek()[1] == "-":
            take()
            return Node("neg", args=[unary()])
        node = atom()
        if peek()[1] == "^":
            take()
            return Node("op", "^", args=[node, unary()])
        return node

    def atom():
        kind, value, unit = take()
        if kind == "number":
            return Node("number", value, unit)
        if kind == "name" and peek()[1] == "(":
            if value not in FUNCTIONS:
                raise EstimateError(f"unknown function '{value}' (known: {', '.join(FUNCTIONS)})")
            take("(")
            args = [comparison()]
            while peek()[1] == ",":
                take()
                args.append(comparison())
            take(")")
            if len(args) != FUNCTIONS[value]:
                raise EstimateError(f"{value} takes {FUNCTIONS[value]} argument(s), not {len(args)}")
            return Node("call", value, args=args)
        if kind == "name":
            return Node("name", value)
        if value == "(":
            inner = comparison()
            take(")")
            return Node("paren", args=[inner])
        raise EstimateError(f"unexpected '{value}' in '{text.strip()}'")

    node = comparison()
    if pos != len(tokens):
        raise EstimateError(f"unexpected '{tokens[pos][1]}' in '{text.strip()}'")
    return node


# Evaluating -------------------------------------------------------------------------------------

def literal(node: Node) -> Quantity:
    factor, dims = parse_unit(node.unit)
    return Quantity(float(node.text.replace(",", "")) * factor, dims)


def evaluate(node: Node, env: dict) -> Quantity | bool:
    k = node.kind
    if k == "number":
        return literal(node)
    if k == "name":
        if node.text not in env:
            raise EstimateError(f"unknown name '{node.text}'")
        return env[node.text]
    if k == "paren":
        return evaluate(node.args[0], env)
    if k == "neg":
        q = evaluate(node.args[0], env)
        return Quantity(-q.value, q.dims)
    args = [evaluate(a, env) for a in node.args]
    if any(isinstance(a, bool) for a in args):
        raise EstimateError("a comparison can only stand alone, as a ledger condition")
    if k == "call":
        return call(node.text, args)
    a, b = args
    op = node.text
    if op in ("+", "-"):
        a.same_dims(b, "adding" if op == "+" else "subtracting")
        return Quantity(a.value + b.value if op == "+" else a.value - b.value, a.dims)
    if op in ("*", "/"):
        if op == "/" and b.value == 0:
            raise EstimateError("division by zero")
        sign = 1 if op == "*" else -1
        dims = dict(a.dims)
        for base, p in b.dims:
            dims[base] = dims.get(base, 0) + sign * p
        return Quantity(a.value * b.value if op == "*" else a.value / b.value, make_dims(dims))
    if op == "^":
        if b.dims:
            raise EstimateError("an exponent must be a plain number")
        if a.dims and b.value != int(b.value):
            raise EstimateError("a quantity with units can only be raised to a whole power")
        return Quantity(a.value ** b.value, make_dims({base: p * int(b.value) for base, p in a.dims}))
    a.same_dims(b, "comparing")
    return {"<": a.value < b.value, "<=": a.value <= b.value, ">": a.value > b.value,
            ">=": a.value >= b.value, "==": a.value == b.value, "!=": a.value != b.value}[op]


def call(name: str, args: list) -> Quantity:
    a = args[0]
    if name == "about":
        figures = args[1]
        if figures.dims or figures.value not in (1, 2, 3, 4):
            raise EstimateError("about(x, n) rounds x to n significant figures, n from 1 to 4")
        if a.value == 0:
            return a
        digits, exponent = significant(a.value, int(figures.value))
        return Quantity(math.copysign(float(f"{digits[0]}.{digits[1:] or 0}e{exponent}"), a.value), a.dims)
    if name in ("min", "max"):
        a.same_dims(args[1], f"{name} of")
        return (min if name == "min" else max)(args, key=lambda q: q.value)
    if name == "sqrt":
        if any(p % 2 for _, p in a.dims) or a.value < 0:
            raise EstimateError("sqrt needs a non-negative quantity whose units are squares")
        return Quantity(math.sqrt(a.value), tuple((b, p // 2) for b, p in a.dims))
    if a.dims:
        raise EstimateError(f"{name} needs a plain number: divide by a unit first")
    if name == "exp":
        return Quantity(math.exp(a.value))
    if name in ("log2", "log10", "ln"):
        if a.value <= 0:
            raise EstimateError(f"{name} of a number that is not positive")
        return Quantity({"log2": math.log2, "log10": math.log10, "ln": math.log}[name](a.value))
    rounded = {"ceil": math.ceil, "floor": math.floor, "round": lambda v: math.floor(v + 0.5)}[name](a.value)
    return Quantity(float(rounded))


# Showing ----------------------------------------------------------------------------------------

def significant(value: float, digits: int = 3) -> tuple[str, int]:
    """The first `digits` significant digits of |value|, rounded half up on its exact binary value
    (as JavaScript's toExponential does), and the power of ten of the first digit."""
    d = Decimal(abs(value))
    exponent = d.adjusted()
    rounded = d.scaleb(-exponent).quantize(Decimal(1).scaleb(1 - digits), rounding=ROUND_HALF_UP)
    if rounded >= 10:
        rounded, exponent = rounded / 10, exponent + 1
        rounded = rounded.quantize(Decimal(1).scaleb(1 - digits), rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", ""), exponent


def place(digits: str, exponent: int) -> str:
    """Digits with the first at 10^exponent, as a decimal with thousands separators."""
    if exponent < 0:
        text = "0." + "0" * (-exponent - 1) + digits
    elif exponent + 1 >= len(digits):
        text = digits + "0" * (exponent + 1 - len(digits))
    else:
        text = digits[:exponent + 1] + "." + digits[exponent + 1:]
    whole, _, fraction = text.partition(".")
    whole = f"{int(whole):,}"
    fraction = fraction.rstrip("0")
    return whole + ("." + fraction if fraction else "")


def number_text(value: float) -> str:
    """3 significant figures; whole numbers under 10,000 exactly; millions and billions in words;
    10^12 and more, and under 0.001, as powers of ten."""
    if not math.isfinite(value):
        raise EstimateError("the result is not a finite number")
    if value == 0:
        return "0"
    sign = "−" if value < 0 else ""
    a = abs(value)
    if a < 10000 and a == math.floor(a):
        return sign + f"{int(a):,}"
    digits, exponent = significant(a)
    if exponent >= 12 or exponent < -3:
        mantissa = place(digits, 0)
        return sign + ("" if mantissa == "1" else mantissa + " × ") + "10" + str(exponent).translate(SUPERSCRIPT)
    if exponent >= 9:
        return sign + place(digits, exponent - 9) + " billion"
    if exponent >= 6:
        return sign + place(digits, exponent - 6) + " million"
    return sign + place(digits, exponent)


def literal_text(text: str) -> str:
    """A number as its author wrote it, with `1e9` and `3.4e19` as powers of ten."""
    mantissa, e, exponent = text.partition("e")
    if not e:
        return text
    power = "10" + str(int(exponent)).translate(SUPERSCRIPT)
    return power if mantissa == "1" else f"{mantissa} × {power}"


def with_unit(number: str, unit: str, words: str = "") -> str:
    """A number with its unit; `words`, where a row gives them, stand in for the unit's symbol
    (`-> h "GPU-hours"` reads "24 GPU-hours", `-> $/month "a month"` reads "$730 a month")."""
    if words:
        return ("$" + number if unit.startswith("$") else number) + " " + words
    if not unit:
        return number
    if unit.startswith("$"):
        return ("−" if number.startswith("−") else "") + "$" + number.lstrip("−") + unit[1:]
    if unit.startswith(("/", "%")):
        return number + unit
    if unit in PLURAL and number != "1":
        return number + " " + unit + "s"
    return number + " " + unit


def auto_unit(q: Quantity) -> str:
    names = AUTO.get(q.dims)
    if names is None:
        if not q.dims:
            return ""
        up = [b if p == 1 else f"{b}^{p}" for b, p in q.dims if p > 0]
        down = [b if p == -1 else f"{b}^{-p}" for b, p in q.dims if p < 0]
        return "*".join(up) + "".join("/" + d for d in down)
    best = names[0]
    for name in names:
        if abs(q.value) >= parse_unit(name)[0]:
            best = name
    return best


def show(q: Quantity, unit: str | None = None, words: str = "") -> str:
    """A quantity as a reader reads it: `unit` (a row's `-> unit`) or one chosen for its size."""
    unit = auto_unit(q) if unit is None else unit
    factor, dims = parse_unit(unit)
    if dims != q.dims:
        raise EstimateError(f"shown in '{unit}', but the value is {dims_text(q.dims)}")
    return with_unit(number_text(q.value / factor), unit, words)


def arithmetic(node: Node, shown: dict) -> str:
    """The formula with every name replaced by how its value is shown: `3,500/s × 20 ms`."""
    k = node.kind
    if k == "number":
        return with_unit(literal_text(node.text), node.unit)
    if k == "name":
        return shown[node.text]
    if k == "paren":
        return "(" + arithmetic(node.args[0], shown) + ")"
    if k == "neg":
        return "−" + arithmetic(node.args[0], shown)
    if k == "call" and node.text == "about":
        return arithmetic(node.args[0], shown) + ", rounded"
    if k == "call":
        return node.text + "(" + ", ".join(arithmetic(a, shown) for a in node.args) + ")"
    return f"{arithmetic(node.args[0], shown)} {OPERATOR_TEXT[node.text]} {arithmetic(node.args[1], shown)}"


# Blocks -----------------------------------------------------------------------------------------

ROW = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*=\s*(?P<expr>[^|]+?)"
                 r"(?:\s*->\s*(?P<unit>[^\"|]*?))?\s*(?:\"(?P<words>[^\"]*)\")?\s*"
                 r"\|\s*(?P<label>[^|]+?)\s*(?:\|\s*(?P<source>.+?))?\s*$")


@dataclass
class Row:
    name: str
    expr: str
    node: Node
    label: str
    source: str
    unit: str | None
    words: str
    line: int

    @property
    def is_input(self) -> bool:
        return self.node.kind == "number" or self.house is not None

    @property
    def house(self) -> str | None:
        return self.node.text[6:] if self.node.kind == "name" and self.node.text.startswith("house.") else None


@dataclass
class Block:
    title: str
    rows: list
    line: int


def parse_block(text: str, first_line: int) -> Block:
    """The lines of an ```estimate fence (without the fence lines); first_line is the file line of
    the first of them. Raises EstimateError with the file line of the problem in `.line`."""
    title, rows = "", []
    for i, raw in enumerate(text.split("\n")):
        line = raw.strip()
        number = first_line + i
        if not line or line.startswith("#"):
            continue
        try:
            if line.startswith("title:"):
                title = line[6:].strip()
                continue
            m = ROW.match(line)
            if not m:
                raise EstimateError("a row is `name = formula [-> unit] [\"words\"] | label [| source]`")
            node = parse(m.group("expr"))
            unit = m.group("unit").strip() if m.group("unit") is not None else None
            if unit is not None:
                parse_unit(unit)
            row = Row(m.group("name"), m.group("expr").strip(), node, m.group("label"), m.group("source") or "",
                      unit, m.group("words") or "", number)
            houses = {n for n in node.names() if n.startswith("house.")}
            if houses and not row.house:
                raise EstimateError(f"{', '.join(sorted(houses))} used in a formula: give it its own input row "
                                    f"(`gpu_hour = house.gpu_hour | ...`) so a reader can see and change it")
            if row.is_input and unit:
                raise EstimateError(f"an input is shown as written; drop `-> {unit}` (or write the value in that unit)")
            if row.is_input and not row.house and not row.source:
                raise EstimateError(f"input '{row.name}' needs a source after a second `|`: "
                                    "a section of this page, a citation, or 'assumed'")
            rows.append(row)
        except EstimateError as e:
            e.line = number
            raise
    if not rows:
        error = EstimateError("an estimate block with no rows")
        error.line = first_line
        raise error
    return Block(title, rows, first_line)


def evaluate_rows(rows: list, house: dict) -> tuple[dict, list]:
    """Values of every row of a page (all its blocks share names), in dependency order; raises
    EstimateError with `.line` on a duplicate, an unknown name, a cycle or a bad formula."""
    by_name = {}
    for row in rows:
        if row.name in by_name:
            raise located(EstimateError(f"'{row.name}' is defined twice (first on line {by_name[row.name].line})"), row)
        by_name[row.name] = row
    values, order, visiting = {}, [], []

    def visit(row):
        if row.name in values:
            return
        if row.name in visiting:
            cycle = visiting[visiting.index(row.name):] + [row.name]
            raise located(EstimateError(f"a cycle: {' -> '.join(cycle)}"), row)
        visiting.append(row.name)
        env = {}
        for name in sorted(row.node.names()):
            if name.startswith("house."):
                if name[6:] not in house:
                    raise located(EstimateError(f"unknown house value '{name}' (known: "
                                                f"{', '.join('house.' + k for k in house)})"), row)
                env[name] = house[name[6:]]
            elif name in by_name:
                visit(by_name[name])
                env[name] = values[name]
            else:
                raise located(EstimateError(f"unknown name '{name}'"), row)
        try:
            value = evaluate(row.node, env)
            if isinstance(value, bool):
                raise EstimateError("a row's formula cannot be a comparison; put conditions in the ledger")
            show(value, row.unit, row.words)
        except EstimateError as e:
            raise located(e, row) from None
        visiting.pop()
        values[row.name] = value
        order.append(row)

    for row in rows:
        visit(row)
    return values, order


def located(error: EstimateError, row: Row) -> EstimateError:
    error.line = row.line
    return error


def shown_values(rows: list, values: dict) -> dict:
    """How each name reads in text: an input as its author wrote it, a result rounded."""
    return {row.name: (with_unit(literal_text(row.node.text), row.node.unit, row.words)
                       if row.is_input and not row.house else show(values[row.name], row.unit, row.words))
            for row in rows}
