# WAV fixtures by ffmpeg: plain 16-bit PCM, 8-bit PCM with a LIST/INFO chunk (-metadata), 24-bit PCM in
# WAVE_FORMAT_EXTENSIBLE (ffmpeg's choice past 16 bits), and 32-bit float, which the service refuses
# (a name containing "refused" tells the tests to expect a 415).
wav() { ffmpeg -nostdin -loglevel error -y -f lavfi -i "sine=frequency=440:duration=$1:sample_rate=8000" -ac "$2" -c:a "$3" "${@:4}"; }
wav 1 1 pcm_s16le -bitexact "$out/wav-pcm16-mono.wav"
wav 1 2 pcm_u8 -metadata title="Wave Title" -metadata artist="Wave Artist" -metadata album="Wave Album" \
  -metadata date="2012" -metadata genre="Classical" -metadata track="6" "$out/wav-info.wav"
wav 0.5 1 pcm_s24le -bitexact "$out/wav-extensible-24bit.wav"
wav 0.25 1 pcm_f32le -bitexact "$out/wav-float-refused.wav"
