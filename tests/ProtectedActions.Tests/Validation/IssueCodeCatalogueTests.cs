using System.Reflection;
using System.Text.RegularExpressions;

namespace ProtectedActions.Tests.Validation;

/// <summary>
/// One catalogue of issue codes: every code the sources report is an <see cref="IssueCodes"/> constant and is
/// documented in docs/configuration.md with meaning and fix, and every documented code is used.
/// </summary>
public sealed partial class IssueCodeCatalogueTests
{
    private static readonly Dictionary<string, string> Catalogue = typeof(IssueCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static bool IsCatalogue(string file) => Path.GetFileName(file) == "IssueCodes.cs";

    // DocumentCodes.cs gives the document readers' PA6xxx codes their local names; each refers to IssueCodes.
    private static bool IsDocumentCodes(string file) => Path.GetFileName(file) == "DocumentCodes.cs";

    private static Dictionary<string, (string Name, string Severity, string Meaning, string Fix)> Documented()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));
        var rows = new Dictionary<string, (string, string, string, string)>(StringComparer.Ordinal);
        foreach (Match m in DocRow().Matches(text))
        {
            rows.Add(m.Groups["code"].Value, (m.Groups["name"].Value, m.Groups["sev"].Value.Trim(), m.Groups["meaning"].Value.Trim(), m.Groups["fix"].Value.Trim()));
        }

        return rows;
    }

    private static HashSet<string> UsedCodes()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles().Where(f => !IsCatalogue(f)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Reference().Matches(text))
            {
                Catalogue.Should().ContainKey(m.Groups[1].Value, $"{file} refers to IssueCodes.{m.Groups[1].Value}");
                used.Add(Catalogue[m.Groups[1].Value]);
            }

            foreach (Match m in Literal().Matches(text))
            {
                used.Add(m.Groups[1].Value);
            }
        }

        return used;
    }

    [Test]
    public void Catalogue_has_one_constant_per_code_and_each_value_is_a_PA_code()
    {
        Catalogue.Should().HaveCountGreaterThan(100);
        Catalogue.Values.Should().OnlyHaveUniqueItems();
        Catalogue.Values.Should().OnlyContain(v => Regex.IsMatch(v, "^PA[1-7][0-9]{3}$"));
    }

    [Test]
    public void Sources_use_no_code_literals_outside_the_catalogue()
    {
        var offenders = SourceFiles().Where(f => !IsCatalogue(f))
            .SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();
        offenders.Should().BeEmpty("codes are IssueCodes constants");
    }

    [Test]
    public void DocumentCodes_names_catalogue_constants_only()
    {
        var text = File.ReadAllText(SourceFiles().Single(IsDocumentCodes));
        Literal().Matches(text).Should().BeEmpty();
        Regex.Matches(text, @"public const string \w+ = IssueCodes\.\w+;").Should().HaveCountGreaterThan(10);
    }

    [Test]
    public void Every_code_used_in_src_is_documented_with_meaning_and_fix()
    {
        var documented = Documented();
        var missing = UsedCodes().Where(c => !documented.ContainsKey(c)).Order(StringComparer.Ordinal).ToList();
        missing.Should().BeEmpty("docs/configuration.md lists every code");
        documented.Values.Should().OnlyContain(r => r.Meaning.Length > 10 && r.Fix.Length > 3);
        documented.Values.Should().OnlyContain(r => r.Severity.Contains("error") || r.Severity.Contains("warning") || r.Severity.Contains("information"));
    }

    [Test]
    public void Every_documented_code_is_used_in_src()
    {
        var used = UsedCodes();
        var unused = Documented().Keys.Where(c => !used.Contains(c)).Order(StringComparer.Ordinal).ToList();
        unused.Should().BeEmpty("docs/configuration.md lists only codes the library reports");
    }

    [Test]
    public void Every_catalogue_constant_is_used_in_src()
    {
        var used = UsedCodes();
        Catalogue.Where(kv => !used.Contains(kv.Value)).Select(kv => kv.Key).Should().BeEmpty();
    }

    [Test]
    public void Documentation_names_the_constant_of_each_code()
    {
        foreach (var (code, row) in Documented())
        {
            Catalogue.Should().ContainKey(row.Name, $"{code} is documented as IssueCodes.{row.Name}");
            Catalogue[row.Name].Should().Be(code);
        }

        Documented().Should().HaveCount(Catalogue.Count);
    }

    [Test]
    public void Validation_reports_the_catalogue_constant()
    {
        var issues = ProtectedActionsConfiguration.Validate(new ProtectedActionsOptions
        {
            AuthenticationContexts = [new AuthenticationContextDefinition { Id = "c100" }],
        });
        issues.Issues.Should().Contain(i => i.Code == IssueCodes.InvalidContextId);
    }

    [GeneratedRegex("IssueCodes\\.([A-Za-z0-9_]+)")]
    private static partial Regex Reference();

    [GeneratedRegex("\"(PA[0-9]{4})\"")]
    private static partial Regex Literal();

    [GeneratedRegex("^\\| (?<code>PA[0-9]{4}) \\| (?<name>[A-Za-z0-9_]+) \\| (?<sev>[^|]+)\\|(?<meaning>[^|]+)\\|(?<fix>[^|]+)\\|\\s*$", RegexOptions.Multiline)]
    private static partial Regex DocRow();
}
