using Microsoft.Playwright;

namespace ProtectedActions.EndToEnd.Tests;

/// <summary>
/// The system's headless Chromium through Playwright (never a downloaded browser). Without it the browser tests are
/// Ignored with instructions; with PROTECTED_ACTIONS_REQUIRE_COMPONENTS=1 (set by .ci/run) a missing browser fails.
/// </summary>
internal static class Browser
{
    public const string ExecutableVariable = "PROTECTED_ACTIONS_CHROMIUM";
    public const string RequireVariable = "PROTECTED_ACTIONS_REQUIRE_COMPONENTS";

    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null; // named explicitly: no fallback
        }

        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Launches Chromium, or ignores (fails, when components are required) the calling test.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchOrSkipAsync()
    {
        var executable = FindExecutable();
        if (executable is null)
        {
            const string how = "Headless Chromium was not found (/usr/bin/chromium or " + ExecutableVariable + "). To run the browser tests: "
                + "apt-get install -y chromium (Debian/Ubuntu), or set " + ExecutableVariable + " to a Chromium executable; .ci/run installs it.";
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                Assert.Fail(how + " (" + RequireVariable + "=1 makes a missing browser a failure.)");
            }

            Assert.Ignore(how);
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>A screenshot of <paramref name="page"/> attached to the test's output.</summary>
    public static async Task ShotAsync(IPage page, string step)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, step + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, step);
    }
}
