// Prints a mutation score table per folder from a Stryker JSON report (mutation-testing-elements schema).
// Usage: dotnet run tests/mutation/ScoreTable.cs -- <mutation-report.json>
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker computes it.
using System.Globalization;
using System.Text.Json;

if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: ScoreTable <mutation-report.json>");
    return 2;
}

using var report = JsonDocument.Parse(File.ReadAllText(args[0]));
var rows = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
var survivors = new List<string>();
foreach (var file in report.RootElement.GetProperty("files").EnumerateObject())
{
    var path = file.Name.Replace('\\', '/');
    var folder = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? ".";
    var src = folder.IndexOf("/src/", StringComparison.Ordinal);
    folder = src >= 0 ? folder[(src + 5)..] : folder;
    if (!rows.TryGetValue(folder, out var counts))
    {
        rows[folder] = counts = new int[4];
    }

    foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
    {
        var status = mutant.GetProperty("status").GetString();
        var index = status switch { "Killed" => 0, "Timeout" => 0, "Survived" => 1, "NoCoverage" => 2, _ => 3 };
        counts[index]++;
        if (index is 1 or 2)
        {
            var line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
            survivors.Add($"{status,-10} {Path.GetFileName(path)}:{line} {mutant.GetProperty("mutatorName").GetString()}");
        }
    }
}

Console.WriteLine("| folder | killed | survived | no coverage | score |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
var total = new int[4];
foreach (var (folder, c) in rows)
{
    if (c[0] + c[1] + c[2] == 0)
    {
        continue; // no mutant of this folder was in the run
    }

    Console.WriteLine(Row(folder, c));
    for (var i = 0; i < 4; i++)
    {
        total[i] += c[i];
    }
}

Console.WriteLine(Row("**total**", total));
Console.WriteLine();
Console.WriteLine($"{survivors.Count} surviving or uncovered mutants:");
foreach (var s in survivors)
{
    Console.WriteLine("  " + s);
}

return 0;

static string Row(string name, int[] c)
{
    var valid = c[0] + c[1] + c[2];
    var score = valid == 0 ? "n/a" : (100.0 * c[0] / valid).ToString("0.0", CultureInfo.InvariantCulture) + " %";
    return $"| {name} | {c[0]} | {c[1]} | {c[2]} | {score} |";
}
