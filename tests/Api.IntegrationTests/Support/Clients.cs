using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>HTTP clients of the app as an anonymous caller, a user or an admin.</summary>
public static class Clients
{
    public static HttpClient Anonymous(this WebApplicationFactory<Program> factory) => factory.CreateClient();

    public static HttpClient AsUser(this WebApplicationFactory<Program> factory) => factory.WithToken(TestTokens.User());

    public static HttpClient AsAdmin(this WebApplicationFactory<Program> factory) => factory.WithToken(TestTokens.Admin());

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient WithToken(this WebApplicationFactory<Program> factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
