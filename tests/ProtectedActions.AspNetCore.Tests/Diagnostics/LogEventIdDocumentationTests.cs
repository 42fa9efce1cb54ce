using System.Globalization;
using System.Text.RegularExpressions;

namespace ProtectedActions.AspNetCore.Tests.Diagnostics;

/// <summary>
/// Every <c>[LoggerMessage]</c> in <c>src/</c> takes its id from its package's catalogue (<c>*EventIds.cs</c>), and
/// docs/logging.md lists exactly those ids, with the same name and level, each inside its package's range.
/// </summary>
public sealed partial class LogEventIdDocumentationTests
{
    private sealed record LogEvent(int Id, string? Name, string Level, string File);

    private static readonly Dictionary<string, (int Min, int Max)> Ranges = new(StringComparer.Ordinal)
    {
        ["ProtectedActions"] = (1000, 2099),
        ["ProtectedActions.AspNetCore"] = (3000, 3349), // 3000–3099, 3100–3119 for the no-loop rule (StepUpLoopGuard), 3200–3219 for web apps (WebApps/WebAppLogEventIds.cs), 3300–3349 for the management API
        ["ProtectedActions.EntityFrameworkCore"] = (4000, 4049),
    };

    [Test]
    public void The_scan_finds_the_known_events_so_it_cannot_pass_empty()
    {
        var ids = Events().Select(e => e.Id).ToList();
        ids.Should().Contain([1000, 1001, 1002, 2000, 3000, 3001, 3002, 3010]);
    }

    [Test]
    public void Every_event_id_comes_from_a_catalogue_not_a_literal()
    {
        var literal = Sources()
            .SelectMany(f => LoggerMessage().Matches(File.ReadAllText(f)).Select(m => (File: f, Value: EventIdOf(m.Value))))
            .Where(e => e.Value is null || !e.Value.Contains("EventIds.", StringComparison.Ordinal))
            .Select(e => Path.GetRelativePath(RepositoryPaths.Root, e.File) + ": " + (e.Value ?? "no EventId"));
        literal.Should().BeEmpty("each package keeps its event ids in one *EventIds catalogue");
    }

    [Test]
    public void Every_event_id_used_in_source_is_documented_with_its_name_and_level()
    {
        var documented = DocumentedRows();
        foreach (var e in Events())
        {
            documented.Should().ContainKey(e.Id, $"{e.File} logs event {e.Id}; docs/logging.md must list it");
            documented[e.Id].Level.Should().Be(e.Level, $"the level of event {e.Id}");
            if (e.Name is not null)
            {
                documented[e.Id].Name.Should().Be(e.Name, $"the name of event {e.Id}");
            }
        }
    }

    [Test]
    public void Every_documented_event_id_is_used_in_source()
    {
        var used = Events().Select(e => e.Id).ToHashSet();
        DocumentedRows().Keys.Where(id => !used.Contains(id)).Should().BeEmpty("docs/logging.md lists only events the code logs");
    }

    [Test]
    public void Event_ids_are_unique_across_the_packages()
    {
        Events().GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty();
    }

    [Test]
    public void Event_ids_stay_inside_their_package_range()
    {
        foreach (var e in Events())
        {
            var package = e.File.Split('/', '\\')[1];
            if (Ranges.TryGetValue(package, out var range))
            {
                e.Id.Should().BeInRange(range.Min, range.Max, $"{e.File} is in {package}");
            }
        }
    }

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(RepositoryPaths.Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static List<LogEvent> Events()
    {
        var constants = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Sources().Where(f => f.EndsWith("EventIds.cs", StringComparison.Ordinal)))
        {
            var type = Path.GetFileNameWithoutExtension(file);
            foreach (Match m in Constant().Matches(File.ReadAllText(file)))
            {
                constants[type + "." + m.Groups["name"].Value] = int.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        var events = new List<LogEvent>();
        foreach (var file in Sources())
        {
            foreach (Match m in LoggerMessage().Matches(File.ReadAllText(file)))
            {
                var value = EventIdOf(m.Value) ?? throw new InvalidOperationException($"{file}: [LoggerMessage] without EventId");
                var id = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : constants.TryGetValue(value, out var c) ? c
                    : throw new InvalidOperationException($"{file}: event id {value} is not a constant of an *EventIds catalogue");
                var name = EventName().Match(m.Value) is { Success: true } nm ? nm.Groups[1].Value : null;
                var level = Level().Match(m.Value).Groups[1].Value;
                events.Add(new LogEvent(id, name, level, Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/')));
            }
        }

        return events;
    }

    private static string? EventIdOf(string attribute) => EventId().Match(attribute) is { Success: true } m ? m.Groups[1].Value : null;

    private static Dictionary<int, (string Name, string Level)> DocumentedRows()
    {
        var rows = new Dictionary<int, (string Name, string Level)>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Docs, "logging.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length > 4 && int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                rows.Should().NotContainKey(id, $"event {id} is listed once in docs/logging.md");
                rows[id] = (cells[2], cells[3]);
            }
        }

        return rows;
    }

    [GeneratedRegex(@"\[LoggerMessage\((?:[^()""]|""(?:[^""\\]|\\.)*"")*\)\]", RegexOptions.Singleline)]
    private static partial Regex LoggerMessage();

    [GeneratedRegex(@"EventId\s*=\s*([A-Za-z0-9_.]+)")]
    private static partial Regex EventId();

    [GeneratedRegex(@"EventName\s*=\s*""([^""]*)""")]
    private static partial Regex EventName();

    [GeneratedRegex(@"Level\s*=\s*LogLevel\.(\w+)")]
    private static partial Regex Level();

    [GeneratedRegex(@"public\s+const\s+int\s+(?<name>\w+)\s*=\s*(?<value>\d+)\s*;")]
    private static partial Regex Constant();
}
