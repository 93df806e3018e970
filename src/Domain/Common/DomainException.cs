namespace MusicPlayer.Domain.Common;

/// <summary>A domain rule was broken. Validators catch bad input first; this guards the invariants themselves.</summary>
public sealed class DomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
