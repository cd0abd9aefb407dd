namespace Portfolio.Core.Storage;

/// <summary>
/// Bytes kept in PostgreSQL in chunks of <see cref="FileStore.ChunkSize"/>, so that web nodes keep no files and no file
/// is ever held whole in memory. Attachments and generated archives both use it.
/// </summary>
public class StoredFile
{
    private StoredFile() { }

    internal StoredFile(Guid id, long length, string sha256, DateTimeOffset createdAt)
    {
        Id = id;
        Length = length;
        Sha256 = sha256;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>-1 while the file is being written: such a file is incomplete and is never served.</summary>
    public long Length { get; private set; }

    /// <summary>SHA-256 of the content, hexadecimal, for integrity checks.</summary>
    public string Sha256 { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsComplete => Length >= 0;
}

public class StoredFileChunk
{
    public Guid StoredFileId { get; set; }
    public int Index { get; set; }
    public byte[] Data { get; set; } = [];
}
