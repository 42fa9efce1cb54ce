namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>
/// Recursive-descent parser for device filter rules (grammar in docs/device-filters.md). Recursion happens
/// only at parentheses and is cut off at <see cref="MaxNesting"/>, so hostile input cannot overflow the stack;
/// the input is bounded by <see cref="MaxLength"/> and tokenized once, so parsing is linear.
/// </summary>
internal sealed class DeviceFilterParser
{
    /// <summary>Entra's documented maximum rule length.</summary>
    public const int MaxLength = 3072;

    /// <summary>How deep parentheses may nest. Entra documents no bound; 32 is far beyond any sensible rule.</summary>
    public const int MaxNesting = 32;

    private const string DevicePrefix = "device.";
    private const string Example = "a comparison such as device.isCompliant -eq True";

    private readonly string _text;
    private readonly List<DeviceFilterToken> _tokens;
    private int _next;
    private DeviceFilterSyntaxError _error;
    private List<string>? _warnings;

    private DeviceFilterParser(string text, List<DeviceFilterToken> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    public static bool TryParse(string? text, out DeviceFilterNode? root, out DeviceFilterSyntaxError error) =>
        TryParse(text, out root, out error, warnings: null);

    /// <summary>
    /// As <see cref="TryParse(string?, out DeviceFilterNode?, out DeviceFilterSyntaxError)"/>, collecting what is
    /// accepted but not written canonically (a property name in another letter case) into <paramref name="warnings"/>.
    /// </summary>
    public static bool TryParse(string? text, out DeviceFilterNode? root, out DeviceFilterSyntaxError error, List<string>? warnings)
    {
        root = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new DeviceFilterSyntaxError(DeviceFilterErrorKind.Empty, 1, "the rule is empty");
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = new DeviceFilterSyntaxError(DeviceFilterErrorKind.TooLong, MaxLength + 1,
                $"the rule is {text.Length} characters long; the maximum is {MaxLength}");
            return false;
        }

        var tokens = new List<DeviceFilterToken>();
        if (!DeviceFilterLexer.TryTokenize(text, tokens, out error))
        {
            return false;
        }

        var parser = new DeviceFilterParser(text, tokens) { _warnings = warnings };
        var node = parser.ParseOr(0);
        if (node is not null)
        {
            var end = parser.Peek();
            if (end.Kind == DeviceFilterTokenKind.End)
            {
                root = node;
                error = default;
                return true;
            }

            parser.Fail(end, end.Kind == DeviceFilterTokenKind.CloseParen
                ? "unexpected ')' without a matching '('"
                : "expected -and, -or or the end of the rule but found " + parser.Describe(end));
        }

        error = parser._error;
        return false;
    }

    private DeviceFilterToken Peek() => _tokens[_next];

    // The End token is last and never consumed, so _next stays in range.
    private DeviceFilterToken Take()
    {
        var token = _tokens[_next];
        if (token.Kind != DeviceFilterTokenKind.End)
        {
            _next++;
        }

        return token;
    }

    private DeviceFilterNode? Fail(DeviceFilterToken at, string message) => Fail(at.Start, message);

    private DeviceFilterNode? Fail(int start, string message, DeviceFilterErrorKind kind = DeviceFilterErrorKind.Syntax)
    {
        _error = new DeviceFilterSyntaxError(kind, start + 1, message);
        return null;
    }

    // or = and { "-or" and }
    private DeviceFilterNode? ParseOr(int depth) => ParseChain(depth, "-or");

    // and = primary { "-and" primary }
    private DeviceFilterNode? ParseAnd(int depth) => ParseChain(depth, "-and");

    private DeviceFilterNode? ParseOperand(int depth, bool isOr) => isOr ? ParseAnd(depth) : ParsePrimary(depth);

    private DeviceFilterNode? ParseChain(int depth, string keyword)
    {
        var isOr = keyword == "-or";
        var first = ParseOperand(depth, isOr);
        if (first is null)
        {
            return null;
        }

        List<DeviceFilterNode>? children = null;
        while (true)
        {
            var taken = TryTakeKeyword(keyword);
            if (taken is null)
            {
                return null;
            }

            if (taken == false)
            {
                break;
            }

            if (children is null)
            {
                children = [];
                AddFlattened(children, first, isOr);
            }

            var next = ParseOperand(depth, isOr);
            if (next is null)
            {
                return null;
            }

            AddFlattened(children, next, isOr);
        }

        if (children is null)
        {
            return first;
        }

        return isOr ? new OrNode([.. children]) : new AndNode([.. children]);
    }

    // (a -or b) -or c is a -or b -or c: flattening keeps the tree shallow and ToString canonical.
    private static void AddFlattened(List<DeviceFilterNode> children, DeviceFilterNode node, bool isOr)
    {
        if (isOr && node is OrNode or)
        {
            children.AddRange(or.Children);
        }
        else if (!isOr && node is AndNode and)
        {
            children.AddRange(and.Children);
        }
        else
        {
            children.Add(node);
        }
    }

    /// <summary>
    /// Consumes <paramref name="keyword"/> (case-insensitive) when it is next: true when taken, false when the
    /// next token is something else, null (error set) when it is not surrounded by whitespace.
    /// </summary>
    private bool? TryTakeKeyword(string keyword)
    {
        var token = Peek();
        if (token.Kind != DeviceFilterTokenKind.Word || !Span(token).Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!token.SpaceBefore)
        {
            Fail(token, "expected whitespace before " + keyword);
            return null;
        }

        _next++;
        var after = Peek();
        // At the end of the rule the missing operand is the problem, which the operand parser reports.
        if (!after.SpaceBefore && after.Kind != DeviceFilterTokenKind.End)
        {
            Fail(after, "expected whitespace after " + keyword);
            return null;
        }

        return true;
    }

    // primary = "(" or ")" | comparison
    private DeviceFilterNode? ParsePrimary(int depth)
    {
        var token = Take();
        switch (token.Kind)
        {
            case DeviceFilterTokenKind.OpenParen:
            {
                if (depth >= MaxNesting)
                {
                    return Fail(token, $"parentheses are nested deeper than {MaxNesting} levels");
                }

                var inner = ParseOr(depth + 1);
                if (inner is null)
                {
                    return null;
                }

                var close = Take();
                if (close.Kind != DeviceFilterTokenKind.CloseParen)
                {
                    return Fail(close, $"expected -and, -or or ')' to close the '(' at {token.Start + 1} but found {Describe(close)}");
                }

                return inner;
            }

            case DeviceFilterTokenKind.Word:
                return ParseComparison(token);

            default:
                return Fail(token, $"expected {Example}, or '(', but found {Describe(token)}");
        }
    }

    // comparison = "device." property operator value
    private DeviceFilterNode? ParseComparison(DeviceFilterToken word)
    {
        var text = Span(word);
        if (!text.StartsWith(DevicePrefix, StringComparison.Ordinal))
        {
            if (text.Equals("-not", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(word.Start, "-not is not supported in device filters; use the negative operators (-ne, -notIn, -notStartsWith, -notEndsWith, -notContains)",
                    DeviceFilterErrorKind.Unsupported);
            }

            if (text.StartsWith(DevicePrefix, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(word, $"expected 'device.' in lower case but found {Describe(word)}");
            }

            return Fail(word, $"expected {Example}, or '(', but found {Describe(word)}");
        }

        var name = text[DevicePrefix.Length..];
        var nameStart = word.Start + DevicePrefix.Length;
        if (name.IsEmpty)
        {
            return Fail(nameStart, "expected a property name after 'device.'");
        }

        var property = DevicePropertyCatalog.Find(name);
        if (property is null)
        {
            // Microsoft's own documentation writes device.deviceid: a name that differs only in letter case is
            // the canonical property (accepted with a warning naming the canonical spelling), never a new one.
            property = DevicePropertyCatalog.FindIgnoringCase(name);
            if (property is null)
            {
                return Fail(nameStart, $"unknown property '{Shorten(name)}'");
            }

            _warnings?.Add($"device.{Shorten(name)} at {nameStart + 1} is read as device.{property.Name}; write the canonical spelling device.{property.Name}");
        }

        var opToken = Take();
        var opText = Span(opToken);
        if (opToken.Kind != DeviceFilterTokenKind.Word || opText.Length < 2 || opText[0] != '-')
        {
            return Fail(opToken, $"expected an operator such as -eq after device.{property.Name} but found {Describe(opToken)}");
        }

        if (!DeviceFilterOperators.TryFind(opText, out var op))
        {
            if (opText.Equals("-match", StringComparison.OrdinalIgnoreCase) || opText.Equals("-notMatch", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(opToken.Start, $"operator {Shorten(opText)} is not supported in device filters (regular expressions are not evaluated; use -startsWith, -endsWith, -contains or -in)",
                    DeviceFilterErrorKind.Unsupported);
            }

            if (opText.Equals("-not", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(opToken.Start, "-not is not supported in device filters; use the negative operators (-ne, -notIn, -notStartsWith, -notEndsWith, -notContains)",
                    DeviceFilterErrorKind.Unsupported);
            }

            return Fail(opToken, $"unknown operator '{Shorten(opText)}' (allowed for {property.Name}: {property.AllowedOperatorList})");
        }

        if (!property.Allows(op))
        {
            return Fail(opToken, $"operator {DeviceFilterOperators.Spelling(op)} is not allowed for {property.Name} (allowed: {property.AllowedOperatorList})");
        }

        var valueToken = Peek();
        if (!valueToken.SpaceBefore && valueToken.Kind != DeviceFilterTokenKind.End)
        {
            return Fail(valueToken, "expected whitespace after " + DeviceFilterOperators.Spelling(op));
        }

        return property.Kind switch
        {
            DevicePropertyKind.Boolean => ParseBoolean(op),
            DevicePropertyKind.Collection => ParseSingle(property, op) is { } element
                ? new CollectionNode(property.Property, op == DeviceFilterOperator.NotContains, element)
                : null,
            _ when op is DeviceFilterOperator.In or DeviceFilterOperator.NotIn => ParseList(property, op),
            _ => ParseSingle(property, op) is { } value ? new StringComparisonNode(property.Property, op, value) : null,
        };
    }

    private DeviceFilterNode? ParseBoolean(DeviceFilterOperator op)
    {
        var token = Take();
        // True/False are written bare by Entra's rule builder; the quoted form is accepted too because it is unambiguous.
        ReadOnlySpan<char> text = token.Kind switch
        {
            DeviceFilterTokenKind.Word => Span(token),
            DeviceFilterTokenKind.String => token.Value,
            _ => default,
        };
        if (token.Kind is DeviceFilterTokenKind.Word or DeviceFilterTokenKind.String)
        {
            if (text.Equals("True", StringComparison.OrdinalIgnoreCase))
            {
                return new BooleanNode(op == DeviceFilterOperator.Ne, true);
            }

            if (text.Equals("False", StringComparison.OrdinalIgnoreCase))
            {
                return new BooleanNode(op == DeviceFilterOperator.Ne, false);
            }
        }

        return Fail(token, $"expected True or False for isCompliant but found {Describe(token)}");
    }

    // A single double-quoted, non-empty string; for closed-choice properties one of the allowed values (canonical spelling returned).
    private string? ParseSingle(DevicePropertyDefinition property, DeviceFilterOperator op)
    {
        var token = Take();
        if (token.Kind == DeviceFilterTokenKind.OpenBracket)
        {
            var alternative = op switch
            {
                DeviceFilterOperator.Eq => " (use -in for a list)",
                DeviceFilterOperator.Ne => " (use -notIn for a list)",
                _ => string.Empty,
            };
            Fail(token, $"operator {DeviceFilterOperators.Spelling(op)} takes a single value, not a list{alternative}");
            return null;
        }

        if (token.Kind != DeviceFilterTokenKind.String)
        {
            Fail(token, $"expected a string in double quotes for {property.Name} but found {Describe(token)}");
            return null;
        }

        return CheckString(property, token);
    }

    private string? CheckString(DevicePropertyDefinition property, DeviceFilterToken token)
    {
        var value = token.Value!;
        if (value.Length == 0)
        {
            Fail(token, "empty string values are not allowed");
            return null;
        }

        if (property.AllowedValues is { } allowed)
        {
            foreach (var candidate in allowed)
            {
                if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            Fail(token, $"{property.Name} must be one of {string.Join(", ", allowed)} but found {Describe(token)}");
            return null;
        }

        return value;
    }

    // list = "[" string { "," string } "]"
    private DeviceFilterNode? ParseList(DevicePropertyDefinition property, DeviceFilterOperator op)
    {
        var open = Take();
        if (open.Kind != DeviceFilterTokenKind.OpenBracket)
        {
            return Fail(open, $"operator {DeviceFilterOperators.Spelling(op)} takes a list such as [\"a\",\"b\"] but found {Describe(open)}");
        }

        var values = new List<string>();
        while (true)
        {
            var item = Take();
            if (item.Kind == DeviceFilterTokenKind.CloseBracket && values.Count == 0)
            {
                return Fail(item, "the list is empty");
            }

            if (item.Kind != DeviceFilterTokenKind.String)
            {
                return Fail(item, $"expected a string in double quotes in the list but found {Describe(item)}");
            }

            if (CheckString(property, item) is not { } value)
            {
                return null;
            }

            values.Add(value);
            var separator = Take();
            if (separator.Kind == DeviceFilterTokenKind.CloseBracket)
            {
                break;
            }

            if (separator.Kind != DeviceFilterTokenKind.Comma)
            {
                return Fail(separator, $"expected ',' or ']' to close the list at {open.Start + 1} but found {Describe(separator)}");
            }
        }

        return new StringListNode(property.Property, op == DeviceFilterOperator.NotIn, [.. values]);
    }

    private ReadOnlySpan<char> Span(DeviceFilterToken token) => _text.AsSpan(token.Start, token.Length);

    /// <summary>How a token appears in messages: quoted and shortened, or "the end of the rule".</summary>
    private string Describe(DeviceFilterToken token) => token.Kind == DeviceFilterTokenKind.End
        ? "the end of the rule"
        : token.Kind == DeviceFilterTokenKind.String ? Shorten(Span(token)) : "'" + Shorten(Span(token)) + "'";

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");
}
