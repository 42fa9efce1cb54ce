using System.Text;

namespace ProtectedActions.Conditions.DeviceFilter;

/// <summary>
/// A node of a compiled rule. Evaluation is a virtual call per node and allocates nothing; the tree depth is
/// bounded by the parser's nesting limit, so the recursion is bounded too. Results are three-valued (Kleene):
/// a comparison on an unknown property is <see cref="ConditionMatch.Unknown"/>; <c>-and</c> is false if any
/// child is false, <c>-or</c> is true if any child is true, otherwise unknown wins over the remaining value.
/// </summary>
internal abstract class DeviceFilterNode
{
    /// <summary>Evaluates the node; with <paramref name="assumeComplete"/> every unseen property reads as absent (two-valued).</summary>
    public abstract ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete);

    protected static ConditionMatch Of(bool value) => value ? ConditionMatch.Match : ConditionMatch.NoMatch;

    /// <summary>Whether every comparison below this node reads <paramref name="property"/> and nothing else.</summary>
    public abstract bool ReadsOnly(DeviceProperty property);

    /// <summary>Writes the canonical text of this node.</summary>
    public abstract void Write(StringBuilder builder);

    /// <summary>Writes <paramref name="value"/> in double quotes, escaping <c>"</c> and <c>\</c>.</summary>
    protected static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    protected static void WriteHead(StringBuilder builder, DeviceProperty property, DeviceFilterOperator op) =>
        builder.Append("device.").Append(DevicePropertyCatalog.Get(property).Name).Append(' ')
            .Append(DeviceFilterOperators.Spelling(op)).Append(' ');
}

/// <summary><c>a -or b -or ...</c>; children are never <see cref="OrNode"/> (flattened when built).</summary>
internal sealed class OrNode : DeviceFilterNode
{
    private readonly DeviceFilterNode[] _children;

    public OrNode(DeviceFilterNode[] children) => _children = children;

    public IReadOnlyList<DeviceFilterNode> Children => _children;

    public override bool ReadsOnly(DeviceProperty property) => Array.TrueForAll(_children, c => c.ReadsOnly(property));

    public override ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete)
    {
        var result = ConditionMatch.NoMatch;
        foreach (var child in _children)
        {
            var r = child.Evaluate(device, assumeComplete);
            if (r == ConditionMatch.Match)
            {
                return ConditionMatch.Match;
            }

            if (r == ConditionMatch.Unknown)
            {
                result = ConditionMatch.Unknown;
            }
        }

        return result;
    }

    public override void Write(StringBuilder builder)
    {
        for (var i = 0; i < _children.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" -or ");
            }

            _children[i].Write(builder);
        }
    }
}

/// <summary><c>a -and b -and ...</c>; children are never <see cref="AndNode"/> (flattened when built).</summary>
internal sealed class AndNode : DeviceFilterNode
{
    private readonly DeviceFilterNode[] _children;

    public AndNode(DeviceFilterNode[] children) => _children = children;

    public IReadOnlyList<DeviceFilterNode> Children => _children;

    public override bool ReadsOnly(DeviceProperty property) => Array.TrueForAll(_children, c => c.ReadsOnly(property));

    public override ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete)
    {
        var result = ConditionMatch.Match;
        foreach (var child in _children)
        {
            var r = child.Evaluate(device, assumeComplete);
            if (r == ConditionMatch.NoMatch)
            {
                return ConditionMatch.NoMatch;
            }

            if (r == ConditionMatch.Unknown)
            {
                result = ConditionMatch.Unknown;
            }
        }

        return result;
    }

    public override void Write(StringBuilder builder)
    {
        for (var i = 0; i < _children.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" -and ");
            }

            // -and binds tighter than -or, so an -or below an -and came from parentheses and needs them back.
            if (_children[i] is OrNode)
            {
                builder.Append('(');
                _children[i].Write(builder);
                builder.Append(')');
            }
            else
            {
                _children[i].Write(builder);
            }
        }
    }
}

/// <summary>A string property compared with one value: -eq -ne -startsWith -notStartsWith -endsWith -notEndsWith -contains -notContains.</summary>
internal sealed class StringComparisonNode : DeviceFilterNode
{
    private readonly DeviceProperty _property;
    private readonly DeviceFilterOperator _operator;
    private readonly string _value;

    public StringComparisonNode(DeviceProperty property, DeviceFilterOperator op, string value)
    {
        _property = property;
        _operator = op;
        _value = value;
    }

    public override ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete)
    {
        if (!DevicePropertyReader.TryGetString(device, _property, assumeComplete, out var actual))
        {
            return ConditionMatch.Unknown;
        }

        if (actual is null)
        {
            return Of(DeviceFilterOperators.IsNegative(_operator));
        }

        return Of(_operator switch
        {
            DeviceFilterOperator.Eq => string.Equals(actual, _value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.Ne => !string.Equals(actual, _value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.StartsWith => actual.StartsWith(_value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.NotStartsWith => !actual.StartsWith(_value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.EndsWith => actual.EndsWith(_value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.NotEndsWith => !actual.EndsWith(_value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.Contains => actual.Contains(_value, StringComparison.OrdinalIgnoreCase),
            DeviceFilterOperator.NotContains => !actual.Contains(_value, StringComparison.OrdinalIgnoreCase),
            _ => false, // unreachable: the parser builds this node only for the operators above
        });
    }

    public override bool ReadsOnly(DeviceProperty property) => _property == property;

    public override void Write(StringBuilder builder)
    {
        WriteHead(builder, _property, _operator);
        WriteString(builder, _value);
    }
}

/// <summary>A string property against a list: -in -notIn.</summary>
internal sealed class StringListNode : DeviceFilterNode
{
    private readonly DeviceProperty _property;
    private readonly bool _negated;
    private readonly string[] _values;

    public StringListNode(DeviceProperty property, bool negated, string[] values)
    {
        _property = property;
        _negated = negated;
        _values = values;
    }

    public override ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete)
    {
        if (!DevicePropertyReader.TryGetString(device, _property, assumeComplete, out var actual))
        {
            return ConditionMatch.Unknown;
        }

        if (actual is null)
        {
            return Of(_negated);
        }

        foreach (var value in _values)
        {
            if (string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
            {
                return Of(!_negated);
            }
        }

        return Of(_negated);
    }

    public override bool ReadsOnly(DeviceProperty property) => _property == property;

    public override void Write(StringBuilder builder)
    {
        WriteHead(builder, _property, _negated ? DeviceFilterOperator.NotIn : DeviceFilterOperator.In);
        builder.Append('[');
        for (var i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, _values[i]);
        }

        builder.Append(']');
    }
}

/// <summary><c>isCompliant -eq True</c> and friends.</summary>
internal sealed class BooleanNode : DeviceFilterNode
{
    private readonly bool _negated;
    private readonly bool _value;

    public BooleanNode(bool negated, bool value)
    {
        _negated = negated;
        _value = value;
    }

    public override ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete)
    {
        if (!DevicePropertyReader.TryGetCompliance(device, assumeComplete, out var actual))
        {
            return ConditionMatch.Unknown;
        }

        if (actual is null)
        {
            return Of(_negated);
        }

        return Of((actual.Value == _value) != _negated);
    }

    public override bool ReadsOnly(DeviceProperty property) => property == DeviceProperty.IsCompliant;

    public override void Write(StringBuilder builder)
    {
        WriteHead(builder, DeviceProperty.IsCompliant, _negated ? DeviceFilterOperator.Ne : DeviceFilterOperator.Eq);
        builder.Append(_value ? "True" : "False");
    }
}

/// <summary>A collection property: -contains -notContains test whether some element equals the value (not substrings).</summary>
internal sealed class CollectionNode : DeviceFilterNode
{
    private readonly DeviceProperty _property;
    private readonly bool _negated;
    private readonly string _value;

    public CollectionNode(DeviceProperty property, bool negated, string value)
    {
        _property = property;
        _negated = negated;
        _value = value;
    }

    public override ConditionMatch Evaluate(DeviceProperties? device, bool assumeComplete)
    {
        if (!DevicePropertyReader.TryGetCollection(device, _property, assumeComplete, out var elements))
        {
            return ConditionMatch.Unknown;
        }

        if (elements is null)
        {
            return Of(_negated);
        }

        // Indexer, not foreach: enumerating an IReadOnlyList<T> through the interface boxes an enumerator.
        var count = elements.Count;
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(elements[i], _value, StringComparison.OrdinalIgnoreCase))
            {
                return Of(!_negated);
            }
        }

        return Of(_negated);
    }

    public override bool ReadsOnly(DeviceProperty property) => _property == property;

    public override void Write(StringBuilder builder)
    {
        WriteHead(builder, _property, _negated ? DeviceFilterOperator.NotContains : DeviceFilterOperator.Contains);
        WriteString(builder, _value);
    }
}
