using Microsoft.AspNetCore.Mvc;

namespace MusicPlayer.Api.OpenApi;

/// <summary>Documents an error status an action can return, as an RFC 9457 problem.</summary>
internal sealed class ProblemAttribute(int statusCode)
    : ProducesResponseTypeAttribute(typeof(ProblemDetails), statusCode, "application/problem+json");
