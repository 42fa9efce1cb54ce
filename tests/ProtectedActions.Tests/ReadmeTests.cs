using System.Text.RegularExpressions;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests;

public partial class ReadmeTests
{
    [GeneratedRegex(@"## Quick start\n\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline, 1000)]
    private static partial Regex QuickStart();

    [Test]
    public void Quick_start_is_the_compiled_quick_start_sample()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "ProtectedActions.Samples.QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        var match = QuickStart().Match(readme);
        match.Success.Should().BeTrue("the README has a C# quick start");
        match.Groups["code"].Value.Should().Be(sample);
    }

    [Test]
    public void Ci_runs_the_readme_test_command()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var ci = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".ci", "run"));
        readme.Should().Contain("dotnet test ProtectedActions.Library.sln");
        ci.Should().Contain("\ndotnet test ProtectedActions.Library.sln");
    }
}
