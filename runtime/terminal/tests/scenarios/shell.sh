# The shell around aws: variables, quoting, here-documents, && and ||, the helpers.
NAME=my-function
echo "$NAME" '$NAME' $NAME
export STAGE=dev
echo "stage: ${STAGE}"
echo "status: $?"
false || echo "after false: $?"
true && echo ok && echo chained
cat <<'EOF2' > event.json
{"name": "Ada", "items": [1, 2, 3]}
EOF2
cat event.json
jq . event.json
jq -r .name event.json
jq '.items | length' event.json
jq -c . event.json
cat <<EOF2 > greeting.txt
Hello, $NAME in $STAGE
EOF2
cat greeting.txt
mkdir -p build/lib
ls
ls build
cd src && pwd && cd ..
echo one > f.txt
echo two >> f.txt
cat f.txt
rm f.txt
cat f.txt
zip -r app.zip src
unzip -l app.zip | tail -n 1
echo aGVsbG8K | base64 -d
echo "a \
b"
echo done \
  twice
nosuchcommand
echo $((1 + 2))
