using System.Reflection;
using System.Text;
using ProtectedActions.Conditions.DeviceFilter;

namespace ProtectedActions.Tests.DeviceFilter;

/// <summary>
/// Generates random valid rules together with an independent reference evaluation, written in varied but
/// legal spellings (operator case, whitespace, redundant parentheses, quoted booleans), and random devices
/// drawn from the same small value pool so that comparisons both match and miss.
/// </summary>
internal sealed class RandomRuleGenerator
{
    private static readonly string[] Pool = ["alpha", "Beta", "ALPHA-1", "x\"y", "back\\slash", "gamma beta", "[OrderId]:A1"];
    private static readonly string[] Whitespace = [" ", "  ", "\t", "\r\n ", " \n"];

    private readonly Random _random;

    public RandomRuleGenerator(int seed) => _random = new Random(seed);

    public (string Text, Func<DeviceProperties?, bool> Reference) Rule(int depth = 3)
    {
        var (text, reference, _) = Expression(depth);
        return (text, reference);
    }

    /// <summary>
    /// A rule with an independent three-valued (Kleene) reference: null when the device information cannot decide.
    /// A comparison is unknown on a null device and on a null property of a partial device; the unregistered
    /// device reads every property as absent.
    /// </summary>
    public (string Text, Func<DeviceProperties?, bool?> Reference) Rule3(int depth = 3)
    {
        _kleene = [];
        var (text, _, _) = Expression(depth);
        return (text, _kleene.Pop());
    }

    // Built alongside the two-valued reference while _kleene is not null (one entry per finished expression).
    private Stack<Func<DeviceProperties?, bool?>>? _kleene;

    // isOr tells the caller whether the text is a bare -or chain (needs parentheses inside an -and).
    private (string Text, Func<DeviceProperties?, bool> Reference, bool IsOr) Expression(int depth)
    {
        if (depth == 0 || _random.Next(3) == 0)
        {
            var (text, reference) = Comparison();
            return MaybeParenthesize(text, reference, false);
        }

        var isOr = _random.Next(2) == 0;
        var count = _random.Next(2, 4);
        var texts = new List<string>();
        var references = new List<Func<DeviceProperties?, bool>>();
        for (var i = 0; i < count; i++)
        {
            var (childText, childReference, childIsOr) = Expression(depth - 1);
            texts.Add(!isOr && childIsOr ? "(" + childText + ")" : childText);
            references.Add(childReference);
        }

        var keyword = isOr ? Pick("-or", "-OR", "-Or") : Pick("-and", "-AND", "-And");
        var joined = new StringBuilder(texts[0]);
        for (var i = 1; i < texts.Count; i++)
        {
            joined.Append(Space()).Append(keyword).Append(Space()).Append(texts[i]);
        }

        Func<DeviceProperties?, bool> combined = isOr
            ? d => references.Any(r => r(d))
            : d => references.All(r => r(d));
        if (_kleene is not null)
        {
            var children = Enumerable.Range(0, count).Select(_ => _kleene.Pop()).Reverse().ToArray();
            _kleene.Push(isOr
                ? d => children.Select(c => c(d)).ToList() is var r && r.Contains(true) ? true : r.Contains(null) ? null : false
                : d => children.Select(c => c(d)).ToList() is var r && r.Contains(false) ? false : r.Contains(null) ? null : true);
        }

        return MaybeParenthesize(joined.ToString(), combined, isOr);
    }

    private (string, Func<DeviceProperties?, bool>, bool) MaybeParenthesize(string text, Func<DeviceProperties?, bool> reference, bool isOr) =>
        _random.Next(5) == 0 ? ("(" + Pick("", " ") + text + Pick("", " ") + ")", reference, false) : (text, reference, isOr);

    private (string Text, Func<DeviceProperties?, bool> Reference) Comparison()
    {
        var (text, reference, name) = ComparisonOn();
        _kleene?.Push(d => d is null ? null
            : !d.IsRegistered ? reference(null)
            : d.IsComplete || Property(name).GetValue(d) is not null ? reference(d)
            : null);
        return (text, reference);
    }

    private (string Text, Func<DeviceProperties?, bool> Reference, string Name) ComparisonOn()
    {
        var (text, reference) = ComparisonText(out var name);
        return (text, reference, name);
    }

    private (string Text, Func<DeviceProperties?, bool> Reference) ComparisonText(out string name)
    {
        var definition = DevicePropertyCatalog.All[_random.Next(DevicePropertyCatalog.All.Length)];
        name = definition.Name;
        var op = definition.AllowedOperators[_random.Next(definition.AllowedOperators.Length)];
        var opText = Case(DeviceFilterOperators.Spelling(op));
        var head = "device." + definition.Name + Space() + opText + Space();
        var negative = DeviceFilterOperators.IsNegative(op);
        switch (definition.Kind)
        {
            case DevicePropertyKind.Boolean:
            {
                var value = _random.Next(2) == 0;
                var literal = Case(value ? "True" : "False");
                var text = head + (_random.Next(4) == 0 ? "\"" + literal + "\"" : literal);
                return (text, d => d?.IsCompliant is { } actual ? (actual == value) != negative : negative);
            }

            case DevicePropertyKind.Collection:
            {
                var value = Pool[_random.Next(Pool.Length)];
                return (head + Quote(Case(value)), d =>
                {
                    var elements = Collection(d, definition.Name);
                    return elements is null ? negative : elements.Any(e => string.Equals(e, value, StringComparison.OrdinalIgnoreCase)) != negative;
                });
            }

            case DevicePropertyKind.Choice when definition.AllowedValues is { } allowed:
            {
                var value = allowed[_random.Next(allowed.Length)];
                return (head + Quote(Case(value)), d => Text(d, definition.Name) is { } actual
                    ? string.Equals(actual, value, StringComparison.OrdinalIgnoreCase) != negative
                    : negative);
            }

            default:
                if (op is DeviceFilterOperator.In or DeviceFilterOperator.NotIn)
                {
                    var values = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Pool[_random.Next(Pool.Length)]).ToArray();
                    var list = "[" + Pick("", " ") + string.Join(Pick(",", " , ", ",\n"), values.Select(v => Quote(Case(v)))) + Pick("", " ") + "]";
                    return (head + list, d => Text(d, definition.Name) is { } actual
                        ? values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase)) != negative
                        : negative);
                }
                else
                {
                    var full = Pool[_random.Next(Pool.Length)];
                    // Substrings of pool values make -startsWith/-endsWith/-contains both hit and miss.
                    var start = _random.Next(full.Length);
                    var value = full.Substring(start, _random.Next(1, full.Length - start + 1));
                    return (head + Quote(Case(value)), d => Text(d, definition.Name) is { } actual ? Compare(op, actual, value) : negative);
                }
        }
    }

    private static bool Compare(DeviceFilterOperator op, string actual, string value)
    {
        const StringComparison C = StringComparison.OrdinalIgnoreCase;
        return op switch
        {
            DeviceFilterOperator.Eq => string.Equals(actual, value, C),
            DeviceFilterOperator.Ne => !string.Equals(actual, value, C),
            DeviceFilterOperator.StartsWith => actual.StartsWith(value, C),
            DeviceFilterOperator.NotStartsWith => !actual.StartsWith(value, C),
            DeviceFilterOperator.EndsWith => actual.EndsWith(value, C),
            DeviceFilterOperator.NotEndsWith => !actual.EndsWith(value, C),
            DeviceFilterOperator.Contains => actual.Contains(value, C),
            DeviceFilterOperator.NotContains => !actual.Contains(value, C),
            _ => throw new InvalidOperationException(op.ToString()),
        };
    }

    public DeviceProperties? Device()
    {
        if (_random.Next(10) == 0)
        {
            return null;
        }

        var device = new DeviceProperties();
        foreach (var definition in DevicePropertyCatalog.All)
        {
            if (_random.Next(4) == 0)
            {
                continue; // property not reported
            }

            var property = Property(definition.Name);
            object value = definition.Kind switch
            {
                DevicePropertyKind.Boolean => _random.Next(2) == 0,
                DevicePropertyKind.Collection => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Case(Pool[_random.Next(Pool.Length)])).ToList(),
                DevicePropertyKind.Choice when definition.AllowedValues is { } allowed => Case(allowed[_random.Next(allowed.Length)]),
                _ => Case(Pool[_random.Next(Pool.Length)]),
            };
            property.SetValue(device, value);
        }

        return device;
    }

    private static PropertyInfo Property(string name) =>
        typeof(DeviceProperties).GetProperty(char.ToUpperInvariant(name[0]) + name[1..])!;

    private static string? Text(DeviceProperties? device, string name) => device is null ? null : (string?)Property(name).GetValue(device);

    private static IReadOnlyList<string>? Collection(DeviceProperties? device, string name) =>
        device is null ? null : (IReadOnlyList<string>?)Property(name).GetValue(device);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string Case(string text) => _random.Next(3) switch
    {
        0 => text,
        1 => text.ToUpperInvariant(),
        _ => text.ToLowerInvariant(),
    };

    private string Space() => Whitespace[_random.Next(Whitespace.Length)];

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
