using System.Diagnostics;
using ProtectedActions.Samples.StepUpDemo;

namespace ProtectedActions.AspNetCore.Tests.Demo;

/// <summary>The README's main-job command: the real demo against Kestrel on 127.0.0.1.</summary>
[NonParallelizable]
public sealed class StepUpDemoTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task The_demo_process_exits_0_after_every_step_behaved_as_expected(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ProtectedActions.Samples.StepUpDemo.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;

        process.ExitCode.Should().Be(0, output);
        output.Should().Contain("checks passed").And.NotContain("[FAIL]");
        output.Should().Contain("WWW-Authenticate: Bearer realm=\"\"").And.Contain("error=\"insufficient_user_authentication\"");
        output.Should().MatchRegex(@"http://127\.0\.0\.1:\d+", "the demo binds loopback only");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_demo_in_process_reports_each_exchange(CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        var exit = await DemoRunner.RunAsync(output, cancellationToken);
        var text = output.ToString();

        exit.Should().Be(0, text);
        text.Should().Contain("MSAL WwwAuthenticateParameters.GetClaimChallengeFromResponseHeaders -> {\"access_token\":{\"acrs\":{\"essential\":true,\"value\":\"c1\"}}}");
        text.Should().Contain("urn:protected-actions:problem:denied").And.Contain("compliantDevice");
        text.Should().Contain("urn:protected-actions:problem:client-not-capable");
        text.Should().Contain("acr_values=\"c1\", max_age=\"3600\"");
        text.Should().Contain("/api/invoices").And.Contain("<- 200 OK");
    }
}
