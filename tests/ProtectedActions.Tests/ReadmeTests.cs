using System.Text.RegularExpressions;

namespace ProtectedActions.Tests;

public class ReadmeTests
{
    [TestCase("any host", "ProtectedActions.Samples.QuickStart")]
    [TestCase("ASP.NET Core", "ProtectedActions.Samples.QuickStart.AspNetCore")]
    public void Quick_start_is_the_compiled_quick_start_sample(string heading, string sampleProject)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", sampleProject, "Program.cs")).ReplaceLineEndings("\n");
        var match = Regex.Match(readme, "## Quick start: " + Regex.Escape(heading) + @"\n\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        match.Success.Should().BeTrue("the README has a C# quick start for " + heading);
        match.Groups["code"].Value.Should().Be(sample);
    }

    [Test]
    public void Asp_net_core_quick_start_is_under_fifteen_lines()
    {
        var sample = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "samples", "ProtectedActions.Samples.QuickStart.AspNetCore", "Program.cs"));
        sample.Length.Should().BeLessThan(15);
    }

    [Test]
    public void Readme_main_job_is_the_step_up_demo() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Should().Contain("dotnet run --project samples/ProtectedActions.Samples.StepUpDemo");

    [Test]
    public void Ci_runs_the_readme_test_command()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var ci = File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".ci", "run"));
        readme.Should().Contain("dotnet test ProtectedActions.Library.sln");
        ci.Should().Contain("\ndotnet test ProtectedActions.Library.sln");
    }
}
