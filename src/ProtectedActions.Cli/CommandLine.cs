namespace ProtectedActions.Cli;

/// <summary>
/// The parsed arguments of one command: positionals and <c>--name value</c> / <c>--name=value</c> options
/// (an option may repeat where the command allows it). Hand-written: the grammar is small and a parser
/// dependency would outweigh it.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    public List<string> Positionals { get; } = [];

    public bool Help { get; private set; }

    /// <summary>Parses <paramref name="args"/> (without the command name) against the options the command knows.</summary>
    public static CommandLine Parse(IEnumerable<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string>? flagOptions = null)
    {
        var result = new CommandLine();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg is "--help" or "-h" or "-?")
            {
                result.Help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                result.Positionals.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (flagOptions is not null && flagOptions.Contains(name))
            {
                if (eq > 0)
                {
                    throw new CliException($"option {name} takes no value");
                }

                result.Add(name, "true");
                continue;
            }

            if (!valueOptions.Contains(name))
            {
                throw new CliException($"unknown option '{Printable(name)}'");
            }

            string value;
            if (eq > 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (e.MoveNext())
            {
                value = e.Current;
            }
            else
            {
                throw new CliException($"option {name} needs a value");
            }

            result.Add(name, value);
        }

        return result;
    }

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The single value of an option, or <see langword="null"/>; given twice is an error.</summary>
    public string? Single(string name)
    {
        var values = All(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new CliException($"option {name} may be given only once"),
        };
    }

    public string Required(string name) => Single(name) ?? throw new CliException($"option {name} is required");

    /// <summary>The value of <c>--format</c> among <paramref name="allowed"/>; default the first.</summary>
    public string Format(params string[] allowed)
    {
        var format = Single("--format");
        if (format is null)
        {
            return allowed[0];
        }

        foreach (var a in allowed)
        {
            if (a.Equals(format, StringComparison.OrdinalIgnoreCase))
            {
                return a;
            }
        }

        throw new CliException($"--format must be one of: {string.Join(", ", allowed)}");
    }

    public void NoPositionals(string command)
    {
        if (Positionals.Count > 0)
        {
            throw new CliException($"{command} takes no argument '{Printable(Positionals[0])}'");
        }
    }

    internal static string Printable(string s)
    {
        var t = s.Length > 80 ? s[..80] + "…" : s;
        return new string(t.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var list))
        {
            _options[name] = list = [];
        }

        list.Add(value);
    }
}
