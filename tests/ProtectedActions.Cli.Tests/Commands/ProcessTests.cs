using System.Diagnostics;

namespace ProtectedActions.Cli.Tests.Commands;

/// <summary>A few runs of the built tool as a separate process: the entry point, exit codes and streams as a shell sees them.</summary>
public class ProcessTests
{
    [Test]
    public void The_built_tool_runs_the_sample_policy_tests()
    {
        var (exit, stdout, stderr) = RunTool("test", RepositoryPaths.PolicyTests, "--config", RepositoryPaths.SampleConfig);

        exit.Should().Be(0, stderr);
        stdout.Should().EndWith("9 passed, 0 failed\n");
    }

    [Test]
    public void The_built_tool_exits_2_with_one_line_and_no_stack_trace_for_a_bad_sign_in()
    {
        var (exit, stdout, stderr) = RunTool("whatif", "--config", RepositoryPaths.SampleConfig, "--action", "a/b/c", "--signin", "/nonexistent/s.json");

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("protected-actions whatif: the sign-in is invalid: /nonexistent/s.json#$").And.NotContain("   at ");
    }

    private static (int Exit, string Stdout, string Stderr) RunTool(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "protected-actions.dll");
        File.Exists(dll).Should().BeTrue("the tool is built next to the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the tool did not finish within two minutes");
        }

        return (process.ExitCode, stdout.Result.Replace("\r\n", "\n", StringComparison.Ordinal), stderr.Result.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
