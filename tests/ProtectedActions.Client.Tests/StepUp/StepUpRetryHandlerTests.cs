using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ProtectedActions.Client.Tests.StepUp;

/// <summary>
/// <see cref="StepUpRetryHandler"/>: one retry with a stepped-up token, never a loop; anything that is not a
/// step-up challenge passes through; the body is replayed; cancellation is honoured.
/// </summary>
public sealed class StepUpRetryHandlerTests
{
    private static HttpClient Client(FakeApi api, Func<StepUpRequirement, CancellationToken, Task<string?>> acquire) =>
        new(new StepUpRetryHandler(acquire, api)) { BaseAddress = new Uri("https://api.test/") };

    private static HttpRequestMessage Post(string token = "old-token") => new(HttpMethod.Post, "invoices/7/approve")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        Content = new StringContent("{\"amount\":100}", Encoding.UTF8, "application/json"),
    };

    [Test]
    public async Task Locked_out_user_gets_the_action_done_after_one_retry_with_the_stepped_up_token_and_the_same_body()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge).Respond(HttpStatusCode.OK);
        StepUpRequirement? asked = null;
        using var client = Client(api, (r, _) =>
        {
            asked = r;
            return Task.FromResult<string?>("new-token");
        });

        using var response = await client.SendAsync(Post());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        asked!.Claims.Should().Be(FakeApi.Claims);
        api.Received.Should().HaveCount(2);
        api.Received[0].Authorization.Should().Be("Bearer old-token");
        api.Received[1].Authorization.Should().Be("Bearer new-token");
        api.Received[1].Body.Should().Be("{\"amount\":100}");
        api.Received[1].ContentType.Should().Be("application/json; charset=utf-8");
        api.Received[1].Method.Should().Be(HttpMethod.Post);
        api.Received[1].Uri.Should().Be(new Uri("https://api.test/invoices/7/approve"));
    }

    [Test]
    public async Task Rfc9470_challenge_passes_acr_values_and_max_age_to_the_callback()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.Rfc9470Challenge).Respond(HttpStatusCode.NoContent);
        StepUpRequirement? asked = null;
        using var client = Client(api, (r, _) =>
        {
            asked = r;
            return Task.FromResult<string?>("new-token");
        });

        using var response = await client.GetAsync("things");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        asked!.AcrValues.Should().Equal("c1");
        asked.MaxAge.Should().Be(3600);
        asked.Claims.Should().BeNull();
        api.Received[1].Body.Should().BeNull();
    }

    [Test]
    public async Task Both_challenges_give_one_requirement_with_both_parts()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge, FakeApi.Rfc9470Challenge).Respond(HttpStatusCode.OK);
        StepUpRequirement? asked = null;
        using var client = Client(api, (r, _) =>
        {
            asked = r;
            return Task.FromResult<string?>("t");
        });

        using var response = await client.GetAsync("things");

        asked!.Claims.Should().Be(FakeApi.Claims);
        asked.AcrValues.Should().Equal("c1");
        asked.Challenges.Should().HaveCount(2);
    }

    [Test]
    public async Task Attacker_api_answering_every_retry_with_a_challenge_gets_exactly_two_requests_then_an_exception()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge).Respond(HttpStatusCode.Unauthorized, FakeApi.Rfc9470Challenge);
        var calls = 0;
        using var client = Client(api, (_, _) =>
        {
            calls++;
            return Task.FromResult<string?>("new-token");
        });

        var act = () => client.SendAsync(Post());

        var thrown = await act.Should().ThrowAsync<StepUpRequiredException>();
        thrown.Which.Requirement.AcrValues.Should().Equal(new[] { "c1" }, "the exception carries the latest requirement");
        thrown.Which.Message.Should().NotContain("new-token");
        api.Received.Should().HaveCount(2, "never a third request");
        calls.Should().Be(1, "the token callback runs once per request");
    }

    [Test]
    public async Task No_token_from_the_callback_throws_with_the_requirement_and_sends_nothing_more()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge);
        using var client = Client(api, (_, _) => Task.FromResult<string?>(null));

        var act = () => client.GetAsync("things");

        (await act.Should().ThrowAsync<StepUpRequiredException>()).Which.Requirement.Claims.Should().Be(FakeApi.Claims);
        api.Received.Should().HaveCount(1);
    }

    [TestCase("new\r\nX-Injected: 1")]
    [TestCase("two words")]
    [TestCase("tök")]
    public async Task Attacker_token_with_header_breaking_characters_is_never_sent(string token)
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge);
        using var client = Client(api, (_, _) => Task.FromResult<string?>(token));

        var act = () => client.GetAsync("things");

        await act.Should().ThrowAsync<StepUpRequiredException>();
        api.Received.Should().HaveCount(1);
    }

    [TestCase(HttpStatusCode.Unauthorized, "Bearer realm=\"api\"")]
    [TestCase(HttpStatusCode.Unauthorized, "Bearer error=\"invalid_token\"")]
    [TestCase(HttpStatusCode.Unauthorized, "Bearer error=\"insufficient_claims\"")]
    [TestCase(HttpStatusCode.Unauthorized, "not a \"challenge")]
    [TestCase(HttpStatusCode.Forbidden, "Bearer error=\"insufficient_user_authentication\"")]
    [TestCase(HttpStatusCode.OK, "Bearer error=\"insufficient_user_authentication\"")]
    public async Task Anything_but_a_step_up_401_passes_through_unchanged_without_calling_back(HttpStatusCode status, string header)
    {
        var api = new FakeApi().Respond(status, header);
        var calls = 0;
        using var client = Client(api, (_, _) =>
        {
            calls++;
            return Task.FromResult<string?>("t");
        });

        using var response = await client.GetAsync("things");

        response.StatusCode.Should().Be(status);
        calls.Should().Be(0);
        api.Received.Should().HaveCount(1);
    }

    [Test]
    public async Task A_401_without_www_authenticate_passes_through()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized);
        using var client = Client(api, (_, _) => Task.FromResult<string?>("t"));

        using var response = await client.GetAsync("things");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Headers_and_the_original_scheme_are_kept_on_the_retry()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge).Respond(HttpStatusCode.OK);
        using var client = Client(api, (_, _) => Task.FromResult<string?>("pop-token"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "things") { Headers = { Authorization = new AuthenticationHeaderValue("PoP", "old") } };
        request.Headers.Add("X-Correlation", "abc");

        using var response = await client.SendAsync(request);

        api.Received[1].Authorization.Should().Be("PoP pop-token");
        api.Received[1].Headers["X-Correlation"].Should().Be("abc");
    }

    [Test]
    public async Task Cancellation_while_acquiring_the_token_stops_without_a_retry()
    {
        var api = new FakeApi().Respond(HttpStatusCode.Unauthorized, FakeApi.EntraChallenge);
        using var cts = new CancellationTokenSource();
        using var client = Client(api, async (_, token) =>
        {
            await cts.CancelAsync();
            token.ThrowIfCancellationRequested();
            return "never";
        });

        var act = () => client.GetAsync("things", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        api.Received.Should().HaveCount(1);
    }

    [Test]
    public async Task A_cancelled_request_is_not_sent()
    {
        var api = new FakeApi();
        using var client = Client(api, (_, _) => Task.FromResult<string?>("t"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => client.GetAsync("things", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        api.Received.Should().BeEmpty();
    }

    [Test]
    public async Task A_body_larger_than_the_buffer_limit_fails_before_anything_is_sent()
    {
        var api = new FakeApi();
        using var client = new HttpClient(new StepUpRetryHandler((_, _) => Task.FromResult<string?>("t"), api) { MaxBufferedContentBytes = 8 })
        {
            BaseAddress = new Uri("https://api.test/"),
        };

        var act = () => client.PostAsync("things", new StringContent(new string('x', 100)));

        await act.Should().ThrowAsync<HttpRequestException>();
        api.Received.Should().BeEmpty();
    }

    [Test]
    public void Requirement_reading_ignores_malformed_values_and_returns_null_without_a_step_up()
    {
        StepUpRequirement.FromWwwAuthenticate(["garbage \"", "Bearer realm=\"x\""]).Should().BeNull();
        StepUpRequirement.FromWwwAuthenticate(["garbage \"", FakeApi.Rfc9470Challenge])!.MaxAge.Should().Be(3600);
        StepUpRequirement.FromWwwAuthenticate(["Bearer error=\"insufficient_claims\", claims=\"bm90IGpzb24=\""]).Should().BeNull("claims that are not JSON make the value malformed");
    }
}
